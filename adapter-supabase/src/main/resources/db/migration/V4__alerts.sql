-- The alert outbox: one row per (tenant, call, kind, recipient), recorded before sending, delivered by workers
-- on any node. The idempotency key is derived from those four columns (the check constraint), so the unique
-- key makes a doubled alert impossible; it also starts with the account id, so it is globally unique and no
-- tenant can insert, or probe for, another tenant's key.

create table ethiq.alerts (
    account_id         uuid not null references ethiq.accounts (id) on delete cascade,
    id                 uuid not null,
    -- resolved from call_sid when the call is logged; an alert is never refused because its call log is missing
    call_log_id        uuid,
    call_sid           text not null,
    alert_type         text not null,
    recipient          text not null,
    idempotency_key    text not null,
    message            text not null,
    language           text not null,
    status             text not null default 'pending',
    attempts           integer not null default 0,
    created_at         timestamptz not null,
    next_attempt_at    timestamptz not null,
    -- the lease of the worker that claimed it
    locked_until       timestamptz,
    sent_at            timestamptz,
    provider_reference text,
    last_error         text,
    updated_at         timestamptz not null default now(),
    primary key (account_id, id),
    foreign key (account_id, call_log_id) references ethiq.call_logs (account_id, id) on delete set null (call_log_id),
    constraint alerts_idempotency_key_key unique (account_id, idempotency_key),
    constraint alerts_idempotency_key_derived check (
        idempotency_key = account_id::text || ':' || call_sid || ':' || alert_type || ':' || recipient),
    constraint alerts_call_sid_format check (call_sid ~ '^[A-Za-z0-9_-]{2,64}$'),
    constraint alerts_type_check check (alert_type in ('sms', 'conference_announcement')),
    constraint alerts_recipient_check check (char_length(recipient) between 3 and 128
        and (alert_type <> 'sms' or recipient ~ '^\+[1-9][0-9]{6,14}$')
        and (alert_type <> 'conference_announcement' or recipient ~ '^[A-Za-z0-9_-]{3,128}$')),
    constraint alerts_message_check check (btrim(message) <> '' and char_length(message) <= 1600),
    constraint alerts_language_check check (language in ('fr', 'en')),
    constraint alerts_status_check check (status in ('pending', 'sent', 'failed')),
    constraint alerts_attempts_check check (attempts >= 0),
    constraint alerts_sent_at_check check (status <> 'sent' or sent_at is not null),
    constraint alerts_provider_reference_check check (char_length(provider_reference) <= 200),
    constraint alerts_last_error_check check (char_length(last_error) <= 1000)
);
-- the delivery workers' scan: only pending rows are indexed
create index alerts_due_idx on ethiq.alerts (next_attempt_at) where status = 'pending';
create index alerts_call_log_idx on ethiq.alerts (account_id, call_log_id);
create index alerts_call_sid_idx on ethiq.alerts (account_id, call_sid);
create index alerts_recent_idx on ethiq.alerts (account_id, created_at desc);

alter table ethiq.alerts enable row level security;
alter table ethiq.alerts force row level security;

create policy tenant_rw on ethiq.alerts for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.alerts to ${app_role};
grant update (status, attempts, next_attempt_at, locked_until, sent_at, provider_reference, last_error, updated_at)
    on ethiq.alerts to ${app_role};

-- Delivery workers claim due alerts of every tenant: they may read alerts and take a lease on pending ones,
-- nothing else (marking the outcome happens in the tenant's own transaction). Erasure deletes them.
create policy platform_read on ethiq.alerts for select to ${platform_role} using (true);
create policy platform_claim on ethiq.alerts for update to ${platform_role}
    using (status = 'pending') with check (status = 'pending');
create policy platform_erase on ethiq.alerts for delete to ${platform_role} using (true);
grant select, delete on ethiq.alerts to ${platform_role};
grant update (attempts, locked_until, updated_at) on ethiq.alerts to ${platform_role};
