-- Users (the seed's table; the management API adds memberships, sessions and 2FA from V50 on), accounts (one
-- account = one tenant), their settings and custom phrases.

create table ethiq.users (
    id            uuid primary key default gen_random_uuid(),
    email         text not null,
    password_hash text not null,
    first_name    text not null default '',
    last_name     text not null default '',
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    -- stored lower-cased so a plain unique index is case-insensitive and usable by "where email = ?"
    constraint users_email_key unique (email),
    constraint users_email_format check (email = lower(email) and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'
                                         and char_length(email) <= 254),
    constraint users_names_length check (char_length(first_name) <= 100 and char_length(last_name) <= 100)
);

create table ethiq.accounts (
    id                  uuid primary key,
    -- the owning user; an erased account keeps no link to a person
    user_id             uuid references ethiq.users (id) on delete set null,
    display_name        text,
    -- global keys on purpose (routing needs them), writable only by the platform role: tenants cannot probe them
    twilio_phone_number text,
    sip_address         text,
    status              text not null default 'provisioning',
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    erased_at           timestamptz,
    constraint accounts_twilio_phone_number_key unique (twilio_phone_number),
    constraint accounts_sip_address_key unique (sip_address),
    constraint accounts_status_check check (status in ('provisioning', 'active', 'suspended', 'cancelled')),
    constraint accounts_twilio_phone_number_e164 check (twilio_phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    constraint accounts_sip_address_format check (sip_address ~ '^sips?:[^@[:space:]]+@[A-Za-z0-9.-]+'
                                                  and char_length(sip_address) <= 255),
    constraint accounts_display_name_length check (btrim(display_name) <> '' and char_length(display_name) <= 120),
    constraint accounts_live_fields check (erased_at is not null or (display_name is not null and sip_address is not null)),
    constraint accounts_erased_is_empty check (erased_at is null or (status = 'cancelled' and display_name is null
        and sip_address is null and twilio_phone_number is null and user_id is null))
);
create index accounts_user_id_idx on ethiq.accounts (user_id);

create table ethiq.tenant_settings (
    account_id                   uuid primary key references ethiq.accounts (id) on delete cascade,
    language                     text not null,
    threshold_suspicious         double precision not null,
    threshold_scam               double precision not null,
    alert_sms                    boolean not null,
    alert_announce               boolean not null,
    transcript_retention_seconds bigint not null,
    ai_enabled                   boolean not null,
    ai_daily_budget              integer not null,
    updated_at                   timestamptz not null default now(),
    constraint tenant_settings_language_check check (language in ('fr', 'en')),
    constraint tenant_settings_thresholds_check check (threshold_suspicious > 0 and threshold_suspicious < threshold_scam
                                                       and threshold_scam <= 1),
    constraint tenant_settings_retention_check check (transcript_retention_seconds between 86400 and 3650 * 86400),
    constraint tenant_settings_ai_budget_check check (ai_daily_budget >= 0)
);

create table ethiq.custom_phrases (
    account_id uuid not null references ethiq.tenant_settings (account_id) on delete cascade,
    ordinal    integer not null,
    phrase     text not null,
    cue_kind   text not null,
    category   text not null,
    weight     double precision not null,
    primary key (account_id, ordinal),
    constraint custom_phrases_ordinal_check check (ordinal >= 0 and ordinal < 500),
    constraint custom_phrases_phrase_check check (char_length(phrase) between 1 and 200 and btrim(phrase) <> ''),
    constraint custom_phrases_names_check check (char_length(cue_kind) between 1 and 60 and char_length(category) between 1 and 60),
    constraint custom_phrases_weight_check check (weight > 0 and weight <= 1)
);

create trigger accounts_changed after insert or update or delete on ethiq.accounts
    for each row execute function ethiq.notify_tenant_changed('id');
create trigger tenant_settings_changed after insert or update or delete on ethiq.tenant_settings
    for each row execute function ethiq.notify_tenant_changed('account_id');
create trigger custom_phrases_changed after insert or update or delete on ethiq.custom_phrases
    for each row execute function ethiq.notify_tenant_changed('account_id');

-- Row-level security. The app role sees only the account named by app.current_account_id; the platform role
-- has its own, separate policies for the cross-tenant work it exists for (routing lookup, sign-up, erasure).
alter table ethiq.users enable row level security;
alter table ethiq.users force row level security;
alter table ethiq.accounts enable row level security;
alter table ethiq.accounts force row level security;
alter table ethiq.tenant_settings enable row level security;
alter table ethiq.tenant_settings force row level security;
alter table ethiq.custom_phrases enable row level security;
alter table ethiq.custom_phrases force row level security;

-- users: nothing for the app role yet (memberships come from V50 on); the platform role erases users.
create policy platform_read on ethiq.users for select to ${platform_role} using (true);
create policy platform_erase on ethiq.users for delete to ${platform_role} using (true);
grant select, delete on ethiq.users to ${platform_role};

create policy tenant_rw on ethiq.accounts for all to ${app_role}
    using (id = (select ethiq.current_account_id()))
    with check (id = (select ethiq.current_account_id()));
grant select on ethiq.accounts to ${app_role};
grant update (status, display_name, updated_at) on ethiq.accounts to ${app_role};
create policy platform_read on ethiq.accounts for select to ${platform_role} using (true);
create policy platform_create on ethiq.accounts for insert to ${platform_role} with check (erased_at is null);
create policy platform_update on ethiq.accounts for update to ${platform_role} using (erased_at is null) with check (true);
grant select, insert on ethiq.accounts to ${platform_role};
grant update (user_id, display_name, twilio_phone_number, sip_address, status, updated_at, erased_at)
    on ethiq.accounts to ${platform_role};

create policy tenant_rw on ethiq.tenant_settings for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.tenant_settings to ${app_role};
grant update (language, threshold_suspicious, threshold_scam, alert_sms, alert_announce, transcript_retention_seconds,
              ai_enabled, ai_daily_budget, updated_at) on ethiq.tenant_settings to ${app_role};
create policy platform_read on ethiq.tenant_settings for select to ${platform_role} using (true);
create policy platform_create on ethiq.tenant_settings for insert to ${platform_role} with check (true);
create policy platform_erase on ethiq.tenant_settings for delete to ${platform_role} using (true);
grant select, insert, delete on ethiq.tenant_settings to ${platform_role};

create policy tenant_rw on ethiq.custom_phrases for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.custom_phrases to ${app_role};
create policy platform_read on ethiq.custom_phrases for select to ${platform_role} using (true);
create policy platform_create on ethiq.custom_phrases for insert to ${platform_role} with check (true);
create policy platform_erase on ethiq.custom_phrases for delete to ${platform_role} using (true);
grant select, insert, delete on ethiq.custom_phrases to ${platform_role};
