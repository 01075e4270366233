-- Billing usage and the audit trail: both append-only, both kept (anonymised) when an account is erased,
-- hence ON DELETE RESTRICT towards accounts (an account with history is never deleted, only erased).

create table ethiq.usage_events (
    account_id  uuid not null references ethiq.accounts (id) on delete restrict,
    id          uuid not null,
    call_sid    text,
    kind        text not null,
    quantity    bigint not null,
    occurred_at timestamptz not null,
    detail      text not null default '',
    recorded_at timestamptz not null default clock_timestamp(),
    primary key (account_id, id),
    constraint usage_events_call_sid_format check (call_sid ~ '^[A-Za-z0-9_-]{2,64}$'),
    constraint usage_events_kind_check check (kind in ('speech_millis', 'ai_prompt_tokens', 'ai_completion_tokens',
                                                       'ai_requests', 'sms_sent', 'announcements', 'calls')),
    constraint usage_events_quantity_check check (quantity >= 0),
    constraint usage_events_detail_check check (char_length(detail) <= 200)
);
create index usage_events_month_idx on ethiq.usage_events (account_id, occurred_at);
create trigger usage_events_append_only before update or delete on ethiq.usage_events
    for each row execute function ethiq.refuse_change();
create trigger usage_events_no_truncate before truncate on ethiq.usage_events
    for each statement execute function ethiq.refuse_change();

-- One hash chain per account: seq counts the account's entries, hash = sha256(prev_hash || canonical content).
-- The BEFORE INSERT trigger assigns seq/prev_hash/hash itself (whatever the client sent) under a per-account
-- transaction lock, so concurrent appends queue up instead of forking the chain.
create table ethiq.audit_log (
    account_id  uuid not null references ethiq.accounts (id) on delete restrict,
    seq         bigint not null,
    id          uuid not null,
    actor       text not null,
    action      text not null,
    target      text not null default '',
    occurred_at timestamptz not null,
    details     jsonb not null default '{}',
    recorded_at timestamptz not null default clock_timestamp(),
    prev_hash   bytea,
    hash        bytea not null,
    primary key (account_id, seq),
    constraint audit_log_id_key unique (account_id, id),
    constraint audit_log_seq_check check (seq >= 1),
    constraint audit_log_chain_check check ((seq = 1) = (prev_hash is null)),
    constraint audit_log_actor_check check (char_length(actor) between 1 and 200),
    constraint audit_log_action_check check (btrim(action) <> '' and char_length(action) <= 80),
    constraint audit_log_target_check check (char_length(target) <= 200),
    constraint audit_log_details_check check (jsonb_typeof(details) = 'object')
);

-- Who-was-where details (IP, user agent) are personal data: kept beside the chain so that erasing an
-- account can delete them without touching the chained, immutable entries.
create table ethiq.audit_log_context (
    account_id uuid not null,
    seq        bigint not null,
    ip         text not null default '',
    user_agent text not null default '',
    primary key (account_id, seq),
    foreign key (account_id, seq) references ethiq.audit_log (account_id, seq) on delete restrict,
    constraint audit_log_context_ip_check check (char_length(ip) <= 64),
    constraint audit_log_context_user_agent_check check (char_length(user_agent) <= 400)
);

-- Platform events (unknown number called, operator actions not bound to one account): one chain of their own.
create table ethiq.platform_audit_log (
    seq         bigint primary key,
    id          uuid not null unique,
    actor       text not null,
    action      text not null,
    target      text not null default '',
    occurred_at timestamptz not null,
    details     jsonb not null default '{}',
    ip          text not null default '',
    user_agent  text not null default '',
    recorded_at timestamptz not null default clock_timestamp(),
    prev_hash   bytea,
    hash        bytea not null,
    constraint platform_audit_log_seq_check check (seq >= 1),
    constraint platform_audit_log_chain_check check ((seq = 1) = (prev_hash is null)),
    constraint platform_audit_log_actor_check check (char_length(actor) between 1 and 200),
    constraint platform_audit_log_action_check check (btrim(action) <> '' and char_length(action) <= 80),
    constraint platform_audit_log_target_check check (char_length(target) <= 200),
    constraint platform_audit_log_details_check check (jsonb_typeof(details) = 'object'),
    constraint platform_audit_log_context_check check (char_length(ip) <= 64 and char_length(user_agent) <= 400)
);

create function ethiq.audit_chain() returns trigger
    language plpgsql set search_path = ''
    as $$
declare
    last_seq  bigint;
    last_hash bytea;
begin
    -- serialise appends of one account (opaque lock key: advisory locks are visible to every role)
    perform pg_catalog.pg_advisory_xact_lock(
        pg_catalog.hashtextextended('ethiq.audit_log:' || new.account_id::text, 0));
    select a.seq, a.hash into last_seq, last_hash
      from ethiq.audit_log a where a.account_id = new.account_id order by a.seq desc limit 1;
    new.seq := coalesce(last_seq, 0) + 1;
    new.prev_hash := last_hash;
    new.recorded_at := pg_catalog.clock_timestamp();
    new.hash := ethiq.audit_hash(last_hash, ethiq.audit_canonical(new.account_id, new.seq, new.id, new.actor,
                                 new.action, new.target, new.occurred_at, new.details));
    return new;
end
$$;

create function ethiq.platform_audit_chain() returns trigger
    language plpgsql set search_path = ''
    as $$
declare
    last_seq  bigint;
    last_hash bytea;
begin
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('ethiq.platform_audit_log', 0));
    select a.seq, a.hash into last_seq, last_hash from ethiq.platform_audit_log a order by a.seq desc limit 1;
    new.seq := coalesce(last_seq, 0) + 1;
    new.prev_hash := last_hash;
    new.recorded_at := pg_catalog.clock_timestamp();
    new.hash := ethiq.audit_hash(last_hash, ethiq.audit_canonical(null, new.seq, new.id, new.actor,
                                 new.action, new.target, new.occurred_at, new.details));
    return new;
end
$$;

create trigger audit_log_chain before insert on ethiq.audit_log
    for each row execute function ethiq.audit_chain();
create trigger audit_log_append_only before update or delete on ethiq.audit_log
    for each row execute function ethiq.refuse_change();
create trigger audit_log_no_truncate before truncate on ethiq.audit_log
    for each statement execute function ethiq.refuse_change();
create trigger platform_audit_log_chain before insert on ethiq.platform_audit_log
    for each row execute function ethiq.platform_audit_chain();
create trigger platform_audit_log_append_only before update or delete on ethiq.platform_audit_log
    for each row execute function ethiq.refuse_change();
create trigger platform_audit_log_no_truncate before truncate on ethiq.platform_audit_log
    for each statement execute function ethiq.refuse_change();

alter table ethiq.usage_events enable row level security;
alter table ethiq.usage_events force row level security;
alter table ethiq.audit_log enable row level security;
alter table ethiq.audit_log force row level security;
alter table ethiq.audit_log_context enable row level security;
alter table ethiq.audit_log_context force row level security;
alter table ethiq.platform_audit_log enable row level security;
alter table ethiq.platform_audit_log force row level security;

create policy tenant_rw on ethiq.usage_events for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.usage_events to ${app_role};
create policy platform_read on ethiq.usage_events for select to ${platform_role} using (true);
grant select on ethiq.usage_events to ${platform_role};

create policy tenant_rw on ethiq.audit_log for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.audit_log to ${app_role};
-- platform work on tenant data writes its audit rows into the tenant's chain (and reads its head to link)
create policy platform_read on ethiq.audit_log for select to ${platform_role} using (true);
create policy platform_append on ethiq.audit_log for insert to ${platform_role} with check (true);
grant select, insert on ethiq.audit_log to ${platform_role};

create policy tenant_rw on ethiq.audit_log_context for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.audit_log_context to ${app_role};
create policy platform_read on ethiq.audit_log_context for select to ${platform_role} using (true);
create policy platform_append on ethiq.audit_log_context for insert to ${platform_role} with check (true);
create policy platform_erase on ethiq.audit_log_context for delete to ${platform_role} using (true);
grant select, insert, delete on ethiq.audit_log_context to ${platform_role};

create policy platform_rw on ethiq.platform_audit_log for all to ${platform_role} using (true) with check (true);
grant select, insert on ethiq.platform_audit_log to ${platform_role};
