-- Tenant vendor credentials, encrypted in Java (AES-256-GCM, see SecretCipher): the database only ever holds
-- "v1.<key id>.<base64url(nonce | ciphertext | tag)>". The key id is repeated in its own column so the
-- re-wrap job finds rows still written under an old key through an index.

create table ethiq.tenant_credentials (
    account_id  uuid not null references ethiq.accounts (id) on delete cascade,
    kind        text not null,
    -- the telephony account's public identifier (not a secret); only telephony credentials have one
    account_sid text,
    ciphertext  text not null,
    key_id      text not null,
    -- shown as "set, ends with ...1234": a quarter of a 32-character token at most
    last_four   text not null,
    updated_at  timestamptz not null,
    primary key (account_id, kind),
    constraint tenant_credentials_kind_check check (kind in ('telephony_auth_token', 'speech_service_account', 'ai_api_key')),
    constraint tenant_credentials_account_sid_check check (
        (kind = 'telephony_auth_token' and account_sid ~ '^AC[0-9a-fA-F]{32}$')
        or (kind <> 'telephony_auth_token' and account_sid is null)),
    constraint tenant_credentials_ciphertext_format check (ciphertext ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{39,}$'),
    constraint tenant_credentials_key_id_check check (key_id = split_part(ciphertext, '.', 2)),
    constraint tenant_credentials_last_four_check check (char_length(last_four) = 4)
);
create index tenant_credentials_key_id_idx on ethiq.tenant_credentials (key_id);
create trigger tenant_credentials_changed after insert or update or delete on ethiq.tenant_credentials
    for each row execute function ethiq.notify_tenant_changed('account_id');

alter table ethiq.tenant_credentials enable row level security;
alter table ethiq.tenant_credentials force row level security;
create policy tenant_rw on ethiq.tenant_credentials for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.tenant_credentials to ${app_role};
grant update (account_sid, ciphertext, key_id, last_four, updated_at) on ethiq.tenant_credentials to ${app_role};
-- key rotation (re-wrap under the active key) and erasure
create policy platform_read on ethiq.tenant_credentials for select to ${platform_role} using (true);
create policy platform_rewrap on ethiq.tenant_credentials for update to ${platform_role} using (true) with check (true);
create policy platform_erase on ethiq.tenant_credentials for delete to ${platform_role} using (true);
grant select, delete on ethiq.tenant_credentials to ${platform_role};
grant update (ciphertext, key_id, updated_at) on ethiq.tenant_credentials to ${platform_role};

-- The platform's telephony numbers by region. A platform table: the app role has no privilege at all on it.
-- A released number rests (available_at in the future) before it can be assigned again.
create table ethiq.number_pool (
    phone_number text primary key,
    region       text not null,
    assigned_to  uuid references ethiq.accounts (id) on delete set null,
    assigned_at  timestamptz,
    available_at timestamptz not null default '1970-01-01 00:00:00+00',
    added_at     timestamptz not null default now(),
    -- one pool number per account
    constraint number_pool_assigned_to_key unique (assigned_to),
    constraint number_pool_phone_e164 check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    constraint number_pool_region_check check (region ~ '^[A-Za-z0-9_-]{1,40}$'),
    constraint number_pool_assignment_check check ((assigned_to is null) = (assigned_at is null))
);
create index number_pool_free_idx on ethiq.number_pool (region, available_at) where assigned_to is null;

alter table ethiq.number_pool enable row level security;
alter table ethiq.number_pool force row level security;
create policy platform_rw on ethiq.number_pool for all to ${platform_role} using (true) with check (true);
grant select, insert on ethiq.number_pool to ${platform_role};
grant update (assigned_to, assigned_at, available_at) on ethiq.number_pool to ${platform_role};
