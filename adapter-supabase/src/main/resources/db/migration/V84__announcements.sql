-- Spoken warnings stored for the provider to fetch by an opaque reference (issue 22, item 5): any node serves them,
-- the tenant comes from the row, the words never travel in a URL. The account's data (forced RLS); the lookup by
-- reference runs as the platform role (the reference is the only thing the provider sends back).
create table ethiq.announcements (
    account_id      uuid not null references ethiq.accounts (id) on delete cascade,
    reference       text not null,
    call_sid        text not null,
    text            text not null,
    language        text not null,
    audience        text not null,
    idempotency_key text not null,
    plays           integer not null default 1,
    served          boolean not null default false,
    created_at      timestamptz not null,
    -- keys carry the account (CatalogChecksTest); the reference is 128 random bits, unique in practice
    primary key (account_id, reference),
    constraint announcements_key unique (account_id, idempotency_key),
    constraint announcements_reference_check check (reference ~ '^[A-Za-z0-9_-]{16,64}$'),
    constraint announcements_text_check check (char_length(text) between 1 and 1000),
    constraint announcements_audience_check check (audience in ('protected-person', 'everyone')),
    constraint announcements_plays_check check (plays >= 1)
);
create index announcements_call on ethiq.announcements (account_id, call_sid, created_at desc);
-- the provider's fetch knows the reference only
create index announcements_reference on ethiq.announcements (reference);

alter table ethiq.announcements enable row level security;
alter table ethiq.announcements force row level security;

create policy tenant_rw on ethiq.announcements for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.announcements to ${app_role};
grant update (plays, served) on ethiq.announcements to ${app_role};
-- lookup by reference, retention and erasure
create policy platform_read on ethiq.announcements for select to ${platform_role} using (true);
create policy platform_erase on ethiq.announcements for delete to ${platform_role} using (true);
grant select, delete on ethiq.announcements to ${platform_role};
