-- Identity for the management API (V50 on belong to it): what sign-in needs on users, memberships and invitations
-- (tenant tables: account_id, strict app-role policy), and the user-scoped tables: refresh tokens, TOTP seeds,
-- recovery codes. The app role reaches user-scoped rows only with app.current_user_id set transaction-locally, the
-- same way tenants work. Pre-authentication lookups by secret-derived keys (e-mail at login, refresh-token hash,
-- invitation-token hash, throttling keys) and the member directory go through the platform role, which gets only
-- the reads and columns those need. users itself stays platform-only (password hashes never reach the app role).

-- The user of the current transaction: NULL when unset, '' after a transaction that set it ended (hence nullif).
create function ethiq.current_user_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(pg_catalog.current_setting('app.current_user_id', true), '')::uuid $$;
revoke execute on function ethiq.current_user_id() from public;
grant execute on function ethiq.current_user_id() to ${app_role};

-- users: sign-in fields. is_operator is granted out of band (by the owner role), never through the API.
alter table ethiq.users
    add column display_name       text not null default '',
    add column is_operator        boolean not null default false,
    add column disabled           boolean not null default false,
    add column tokens_valid_after timestamptz not null default now(),
    add constraint users_display_name_length check (char_length(display_name) <= 120),
    add constraint users_password_hash_length check (char_length(password_hash) between 1 and 512);

create policy platform_sign_up on ethiq.users for insert to ${platform_role} with check (not is_operator);
create policy platform_update on ethiq.users for update to ${platform_role} using (true) with check (true);
grant insert (id, email, password_hash, display_name, disabled, tokens_valid_after, created_at, updated_at)
    on ethiq.users to ${platform_role};
grant update (password_hash, display_name, disabled, tokens_valid_after, updated_at) on ethiq.users to ${platform_role};

-- memberships: a user's role in one account.
create table ethiq.memberships (
    account_id uuid not null references ethiq.accounts (id) on delete restrict,
    user_id    uuid not null references ethiq.users (id) on delete cascade,
    role       text not null,
    created_at timestamptz not null,
    primary key (account_id, user_id),
    constraint memberships_role_check check (role in ('owner', 'admin', 'viewer'))
);
create index memberships_user_id_idx on ethiq.memberships (user_id);

alter table ethiq.memberships enable row level security;
alter table ethiq.memberships force row level security;
create policy tenant_rw on ethiq.memberships for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.memberships to ${app_role};
grant update (role) on ethiq.memberships to ${app_role};
-- "which accounts am I in" crosses tenants: read-only for the platform role
create policy platform_read on ethiq.memberships for select to ${platform_role} using (true);
grant select on ethiq.memberships to ${platform_role};

-- invitations: the token's SHA-256 only; accepted at most once.
create table ethiq.invitations (
    account_id  uuid not null references ethiq.accounts (id) on delete restrict,
    id          uuid not null,
    email       text not null,
    role        text not null,
    token_hash  text not null,
    invited_by  uuid not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    primary key (account_id, id),
    constraint invitations_token_hash_key unique (account_id, token_hash),
    constraint invitations_role_check check (role in ('owner', 'admin', 'viewer')),
    constraint invitations_token_hash_format check (token_hash ~ '^[0-9a-f]{64}$'),
    constraint invitations_email_format check (email = lower(email) and char_length(email) <= 254),
    constraint invitations_expiry_check check (expires_at > created_at)
);
create index invitations_token_hash_idx on ethiq.invitations (token_hash);

alter table ethiq.invitations enable row level security;
alter table ethiq.invitations force row level security;
create policy tenant_rw on ethiq.invitations for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.invitations to ${app_role};
-- the invitee is not a member yet: finding the invitation by its token hash and marking it accepted
create policy platform_read on ethiq.invitations for select to ${platform_role} using (true);
create policy platform_accept on ethiq.invitations for update to ${platform_role}
    using (accepted_at is null) with check (accepted_at is not null);
grant select on ethiq.invitations to ${platform_role};
grant update (accepted_at) on ethiq.invitations to ${platform_role};

-- refresh tokens: SHA-256 of the token, one family per login, single use.
create table ethiq.refresh_tokens (
    id                uuid primary key,
    family_id         uuid not null,
    user_id           uuid not null references ethiq.users (id) on delete cascade,
    token_hash        text not null,
    issued_at         timestamptz not null,
    expires_at        timestamptz not null,
    family_expires_at timestamptz not null,
    family_created_at timestamptz not null,
    used_at           timestamptz,
    revoked_at        timestamptz,
    auth_time         timestamptz not null,
    methods           text[] not null,
    ip                text not null default '',
    user_agent        text not null default '',
    constraint refresh_tokens_token_hash_key unique (token_hash),
    constraint refresh_tokens_token_hash_format check (token_hash ~ '^[0-9a-f]{64}$'),
    constraint refresh_tokens_expiry_check check (expires_at <= family_expires_at),
    constraint refresh_tokens_methods_check check (methods <@ array['pwd', 'otp', 'recovery']::text[]),
    constraint refresh_tokens_context_check check (char_length(ip) <= 64 and char_length(user_agent) <= 400)
);
create index refresh_tokens_user_family_idx on ethiq.refresh_tokens (user_id, family_id);

alter table ethiq.refresh_tokens enable row level security;
alter table ethiq.refresh_tokens force row level security;
create policy self_rw on ethiq.refresh_tokens for all to ${app_role}
    using (user_id = (select ethiq.current_user_id()))
    with check (user_id = (select ethiq.current_user_id()));
grant select, insert on ethiq.refresh_tokens to ${app_role};
grant update (used_at, revoked_at) on ethiq.refresh_tokens to ${app_role};
-- whose token is this hash: the one read needed before the user is known (the rotation itself runs as the user)
create policy platform_read on ethiq.refresh_tokens for select to ${platform_role} using (true);
grant select (token_hash, user_id) on ethiq.refresh_tokens to ${platform_role};

-- TOTP seeds, sealed by the application (AES-256-GCM, bound to the user and column); last accepted step.
create table ethiq.totp_secrets (
    user_id      uuid primary key references ethiq.users (id) on delete cascade,
    seed_sealed  text not null,
    confirmed    boolean not null default false,
    last_step    bigint not null default -1,
    created_at   timestamptz not null,
    confirmed_at timestamptz,
    constraint totp_secrets_sealed_format check (seed_sealed ~ '^v[0-9]+\.')
);

alter table ethiq.totp_secrets enable row level security;
alter table ethiq.totp_secrets force row level security;
create policy self_rw on ethiq.totp_secrets for all to ${app_role}
    using (user_id = (select ethiq.current_user_id()))
    with check (user_id = (select ethiq.current_user_id()));
grant select, insert, delete on ethiq.totp_secrets to ${app_role};
grant update (seed_sealed, confirmed, last_step, created_at, confirmed_at) on ethiq.totp_secrets to ${app_role};

-- recovery codes: SHA-256 of 120-bit codes, single use.
create table ethiq.recovery_codes (
    user_id    uuid not null references ethiq.users (id) on delete cascade,
    code_hash  text not null,
    created_at timestamptz not null,
    used_at    timestamptz,
    primary key (user_id, code_hash),
    constraint recovery_codes_hash_format check (code_hash ~ '^[0-9a-f]{64}$')
);

alter table ethiq.recovery_codes enable row level security;
alter table ethiq.recovery_codes force row level security;
create policy self_rw on ethiq.recovery_codes for all to ${app_role}
    using (user_id = (select ethiq.current_user_id()))
    with check (user_id = (select ethiq.current_user_id()));
grant select, insert, delete on ethiq.recovery_codes to ${app_role};
grant update (used_at) on ethiq.recovery_codes to ${app_role};

-- brute-force throttling counters, shared by all nodes; keys are pseudonymous ("account:<sha-256 prefix>",
-- "ip:<address>", "otp:<user id>"). Pre-authentication by nature: platform role only.
create table ethiq.login_attempts (
    key           text primary key,
    failures      integer not null,
    window_start  timestamptz not null,
    blocked_until timestamptz not null,
    constraint login_attempts_key_check check (char_length(key) between 1 and 200),
    constraint login_attempts_failures_check check (failures >= 0)
);
create index login_attempts_window_idx on ethiq.login_attempts (window_start);

alter table ethiq.login_attempts enable row level security;
alter table ethiq.login_attempts force row level security;
create policy platform_rw on ethiq.login_attempts for all to ${platform_role} using (true) with check (true);
grant select, insert, update, delete on ethiq.login_attempts to ${platform_role};
