-- The family response (issue 16): the protected person's own number, who may join a live call, the links sent in
-- alert SMS (token hash only) and the actions done on calls (one row per call and action: the exactly-once anchor).

alter table ethiq.tenant_settings add column protected_phone text
    constraint tenant_settings_protected_phone_e164 check (protected_phone ~ '^\+[1-9][0-9]{6,14}$');
grant update (protected_phone) on ethiq.tenant_settings to ${app_role};

alter table ethiq.emergency_contacts add column may_join boolean not null default true;
grant update (may_join) on ethiq.emergency_contacts to ${app_role};

create table ethiq.family_links (
    account_id  uuid not null references ethiq.accounts (id) on delete cascade,
    id          uuid not null,
    call_sid    text not null,
    alert_id    uuid not null,
    contact_id  uuid not null,
    recipient   text not null,
    -- SHA-256 of the token, base64url; the token itself is never stored
    token_hash  text not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    primary key (account_id, id),
    -- led by the hash (the lookup), per account like every unique key of a tenant table; 2^-128 collisions aside, one row
    constraint family_links_token_hash_key unique (token_hash, account_id),
    constraint family_links_token_hash_format check (token_hash ~ '^[A-Za-z0-9_-]{43}$'),
    constraint family_links_recipient_e164 check (recipient ~ '^\+[1-9][0-9]{6,14}$'),
    constraint family_links_call_sid_format check (call_sid ~ '^[A-Za-z0-9_-]{2,64}$'),
    constraint family_links_expiry check (expires_at > created_at)
);
create index family_links_call on ethiq.family_links (account_id, call_sid);

alter table ethiq.family_links enable row level security;
alter table ethiq.family_links force row level security;
create policy tenant_rw on ethiq.family_links for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.family_links to ${app_role};
grant update (revoked_at) on ethiq.family_links to ${app_role};
-- a link arrives without any tenant: the lookup by token hash is a platform read (one row, by a unique key); erasure
create policy platform_read on ethiq.family_links for select to ${platform_role} using (true);
create policy platform_erase on ethiq.family_links for delete to ${platform_role} using (true);
grant select, delete on ethiq.family_links to ${platform_role};

create table ethiq.family_actions (
    account_id  uuid not null references ethiq.accounts (id) on delete cascade,
    call_sid    text not null,
    action      text not null,
    actor       text not null,
    actor_name  text not null default '',
    at          timestamptz not null,
    -- one action of a kind per call, whoever presses and however often
    primary key (account_id, call_sid, action),
    constraint family_actions_action_check check (action in ('join', 'end', 'handling', 'false-alarm', 'block')),
    constraint family_actions_actor_check check (char_length(actor) between 1 and 80),
    constraint family_actions_actor_name_check check (char_length(actor_name) <= 120)
);
alter table ethiq.family_actions enable row level security;
alter table ethiq.family_actions force row level security;
create policy tenant_rw on ethiq.family_actions for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.family_actions to ${app_role};
create policy platform_read on ethiq.family_actions for select to ${platform_role} using (true);
create policy platform_erase on ethiq.family_actions for delete to ${platform_role} using (true);
grant select, delete on ethiq.family_actions to ${platform_role};
