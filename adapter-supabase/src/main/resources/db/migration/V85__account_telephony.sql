-- Each account's telephony choices (issue 22): who hears spoken warnings, and its own alert SMS sender (a registered
-- alphanumeric sender ID and/or messaging service); absent sender = the platform's.
create table ethiq.account_telephony (
    account_id        uuid primary key references ethiq.accounts (id) on delete cascade,
    audience          text not null default 'protected-person',
    sms_sender_id     text,
    messaging_service text,
    updated_at        timestamptz not null default now(),
    constraint account_telephony_audience_check check (audience in ('protected-person', 'everyone')),
    constraint account_telephony_sender_check check (sms_sender_id is null or sms_sender_id ~ '^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$'),
    constraint account_telephony_service_check check (messaging_service is null or messaging_service ~ '^[A-Za-z0-9_-]{2,64}$')
);

alter table ethiq.account_telephony enable row level security;
alter table ethiq.account_telephony force row level security;

create policy tenant_rw on ethiq.account_telephony for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.account_telephony to ${app_role};
grant update (audience, sms_sender_id, messaging_service, updated_at) on ethiq.account_telephony to ${app_role};
create policy platform_read on ethiq.account_telephony for select to ${platform_role} using (true);
create policy platform_erase on ethiq.account_telephony for delete to ${platform_role} using (true);
grant select, delete on ethiq.account_telephony to ${platform_role};
