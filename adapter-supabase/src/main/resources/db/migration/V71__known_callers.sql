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
