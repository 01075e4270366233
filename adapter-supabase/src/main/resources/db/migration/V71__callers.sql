-- Trusted and blocked callers per account (issue 18). One listing per number and account; the number is the
-- account's own data, read only by the account (forced RLS) and erased with it.
create table ethiq.known_callers (
    account_id   uuid not null references ethiq.accounts (id) on delete cascade,
    id           uuid not null,
    phone_number text not null,
    name         text not null default '',
    listing      text not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null default now(),
    primary key (account_id, id),
    -- also the index of the incoming-call lookup (account, number)
    constraint known_callers_phone_key unique (account_id, phone_number),
    constraint known_callers_phone_e164 check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    constraint known_callers_name_check check (char_length(name) <= 120),
    constraint known_callers_listing_check check (listing in ('trusted', 'blocked_reject', 'blocked_warn'))
);

alter table ethiq.known_callers enable row level security;
alter table ethiq.known_callers force row level security;

create policy tenant_rw on ethiq.known_callers for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.known_callers to ${app_role};
grant update (phone_number, name, listing, updated_at) on ethiq.known_callers to ${app_role};
-- erasure
create policy platform_read on ethiq.known_callers for select to ${platform_role} using (true);
create policy platform_erase on ethiq.known_callers for delete to ${platform_role} using (true);
grant select, delete on ethiq.known_callers to ${platform_role};

-- The shared caller reputation (issue 18). A report is the reporting account's row: the caller is stored only as
-- HMAC-SHA256(platform key, E.164), base64url, never as a number. The app role reads and writes its own reports
-- only (forced RLS); the cross-account count runs as the platform role and returns aggregates, never rows.
create table ethiq.caller_reports (
    account_id  uuid not null references ethiq.accounts (id) on delete cascade,
    call_sid    text not null,
    fingerprint text not null,
    category    text not null,
    day         date not null,
    created_at  timestamptz not null,
    primary key (account_id, call_sid),
    constraint caller_reports_fingerprint_format check (fingerprint ~ '^[A-Za-z0-9_-]{43}$'),
    constraint caller_reports_call_sid_format check (call_sid ~ '^[A-Za-z0-9_-]{2,64}$')
);
-- the lookup: one fingerprint over the decay window
create index caller_reports_fingerprint_day on ethiq.caller_reports (fingerprint, day);

alter table ethiq.caller_reports enable row level security;
alter table ethiq.caller_reports force row level security;
create policy tenant_rw on ethiq.caller_reports for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.caller_reports to ${app_role};
create policy platform_read on ethiq.caller_reports for select to ${platform_role} using (true);
create policy platform_erase on ethiq.caller_reports for delete to ${platform_role} using (true);
grant select, delete on ethiq.caller_reports to ${platform_role};

-- Accounts that share their scam callers (opt-in: no row, no reports).
create table ethiq.caller_reputation_optins (
    account_id   uuid not null references ethiq.accounts (id) on delete cascade,
    opted_in_at  timestamptz not null,
    primary key (account_id)
);
alter table ethiq.caller_reputation_optins enable row level security;
alter table ethiq.caller_reputation_optins force row level security;
create policy tenant_rw on ethiq.caller_reputation_optins for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.caller_reputation_optins to ${app_role};
create policy platform_read on ethiq.caller_reputation_optins for select to ${platform_role} using (true);
create policy platform_erase on ethiq.caller_reputation_optins for delete to ${platform_role} using (true);
grant select, delete on ethiq.caller_reputation_optins to ${platform_role};
