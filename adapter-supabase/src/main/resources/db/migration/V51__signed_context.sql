-- A tenant (and user) context the app role cannot forge, membership writes and audit appends only with a grant
-- signed by the application, the audit time taken from the database.
--
-- Before: any SQL run as the app role could `set app.current_account_id` to another tenant. Now the setting holds a
-- token "<key id>.<uuid>.<expires epoch s>.<nonce>.<hmac-sha256 hex>" signed by the application with a key that
-- only the owner role can read (ethiq.context_keys, installed by ContextKeys.install, never granted to the login
-- roles). The policies still call ethiq.current_account_id(); it now returns the tenant only when the token's MAC
-- verifies and it has not expired, else NULL (no row visible, inserts refused). A raw UUID in the setting is not a
-- token: 0 rows. The MAC function is SECURITY DEFINER and not executable by the login roles (it would be a
-- signing oracle); the verifier is executable by the app role (it only answers "valid for whom").

create table ethiq.context_keys (
    key_id       text primary key,
    inner_pad    bytea not null,
    outer_pad    bytea not null,
    installed_at timestamptz not null default now(),
    constraint context_keys_key_id_format check (key_id ~ '^[A-Za-z0-9_-]{1,32}$'),
    constraint context_keys_pad_length check (length(inner_pad) = 64 and length(outer_pad) = 64)
);
alter table ethiq.context_keys enable row level security;
alter table ethiq.context_keys force row level security;
-- the owner (FORCE binds it: it has no BYPASSRLS) reads the keys inside the definer functions; nobody else may
create policy owner_only on ethiq.context_keys for all to ${owner_role} using (true) with check (true);

-- HMAC-SHA256(key, message) from the precomputed pads: sha256(K^opad || sha256(K^ipad || message)). NULL for an
-- unknown key id.
create function ethiq.context_mac(p_key_id text, p_message text) returns bytea
    language sql stable security definer set search_path = ''
    as $$
select pg_catalog.sha256(k.outer_pad || pg_catalog.sha256(k.inner_pad || pg_catalog.convert_to(p_message, 'UTF8')))
  from ethiq.context_keys k where k.key_id = p_key_id
$$;
revoke execute on function ethiq.context_mac(text, text) from public;

-- The subject of a valid, unexpired token of this kind ('tenant' or 'user'); NULL otherwise (fails closed).
-- Evaluated once per statement by each policy (initPlan); kept to one definer call (each one saves and restores
-- search_path) with the HMAC inlined, and no cast that could raise before the MAC is checked.
create function ethiq.verified_subject(p_kind text, p_token text) returns uuid
    language plpgsql stable security definer set search_path = ''
    as $$
declare
    part text[];
    inner_pad bytea;
    outer_pad bytea;
begin
    if p_token is null or p_token = '' then
        return null;
    end if;
    part := pg_catalog.string_to_array(p_token, '.');
    if pg_catalog.cardinality(part) <> 5 or part[3] !~ '^[0-9]{1,12}$'
       or part[3]::bigint < extract(epoch from pg_catalog.now()) then
        return null;
    end if;
    select k.inner_pad, k.outer_pad into inner_pad, outer_pad from ethiq.context_keys k where k.key_id = part[1];
    if not found or pg_catalog.encode(pg_catalog.sha256(outer_pad || pg_catalog.sha256(inner_pad || pg_catalog.convert_to(
            p_kind || '|' || part[1] || '|' || part[2] || '|' || part[3] || '|' || part[4], 'UTF8'))), 'hex') <> part[5] then
        return null;
    end if;
    return part[2]::uuid;
end
$$;
revoke execute on function ethiq.verified_subject(text, text) from public;
grant execute on function ethiq.verified_subject(text, text) to ${app_role};

-- Same names and signatures as before, so every policy keeps working and now only trusts signed tokens.
create or replace function ethiq.current_account_id() returns uuid
    language sql stable
    as $$ select ethiq.verified_subject('tenant', pg_catalog.current_setting('app.current_account_id', true)) $$;
create or replace function ethiq.current_user_id() returns uuid
    language sql stable
    as $$ select ethiq.verified_subject('user', pg_catalog.current_setting('app.current_user_id', true)) $$;

-- A one-operation grant "<key id>.<expires>.<nonce>.<mac>" over "<purpose>|<key id>|<expires>|<nonce>|<content>":
-- raises unless valid. Internal to the definer functions below.
create function ethiq.check_grant(p_grant text, p_purpose text, p_content text) returns void
    language plpgsql stable security definer set search_path = ''
    as $$
declare
    part text[] := pg_catalog.string_to_array(coalesce(p_grant, ''), '.');
begin
    if pg_catalog.cardinality(part) <> 4 or part[2] !~ '^[0-9]{1,12}$' or part[3] !~ '^[0-9a-f]{1,32}$'
       or part[4] !~ '^[0-9a-f]{64}$' or part[2]::bigint < extract(epoch from pg_catalog.now())
       or ethiq.context_mac(part[1], p_purpose || '|' || part[1] || '|' || part[2] || '|' || part[3] || '|' || p_content)
              is distinct from pg_catalog.decode(part[4], 'hex') then
        raise exception 'no valid grant for this %', p_purpose using errcode = 'insufficient_privilege';
    end if;
end
$$;
revoke execute on function ethiq.check_grant(text, text, text) from public;

-- A length-prefixed field, so concatenated fields cannot be re-split differently.
create function ethiq.grant_field(p text) returns text
    language sql immutable set search_path = ''
    as $$ select pg_catalog.char_length(coalesce(p, ''))::text || ':' || coalesce(p, '') $$;
revoke execute on function ethiq.grant_field(text) from public;

-- Memberships: the app role may read them under its tenant; writes only through this function with a grant the
-- identity adapter signs for one operation (add / role / remove / remove_all) on one (account, user, role).
revoke insert, update, delete on ethiq.memberships from ${app_role};
create policy owner_write on ethiq.memberships for all to ${owner_role} using (true) with check (true);
grant select, insert, update, delete on ethiq.memberships to ${owner_role};

create function ethiq.write_membership(p_grant text, p_op text, p_account uuid, p_user uuid, p_role text,
                                       p_created_at timestamptz) returns integer
    language plpgsql volatile security definer set search_path = ''
    as $$
declare
    n integer;
begin
    -- the grant is bound to the operation and its arguments, and the tenant context must be that account too
    perform ethiq.check_grant(p_grant, 'membership', ethiq.grant_field(p_op) || ethiq.grant_field(p_account::text)
        || ethiq.grant_field(p_user::text) || ethiq.grant_field(p_role));
    if ethiq.current_account_id() is distinct from p_account then
        raise exception 'membership write outside its tenant' using errcode = 'insufficient_privilege';
    end if;
    if p_op = 'add' then
        insert into ethiq.memberships (account_id, user_id, role, created_at) values (p_account, p_user, p_role, p_created_at);
    elsif p_op = 'role' then
        update ethiq.memberships set role = p_role where account_id = p_account and user_id = p_user;
    elsif p_op = 'remove' then
        delete from ethiq.memberships where account_id = p_account and user_id = p_user;
    elsif p_op = 'remove_all' then
        delete from ethiq.memberships where account_id = p_account;
    else
        raise exception 'unknown membership operation' using errcode = 'invalid_parameter_value';
    end if;
    get diagnostics n = row_count;
    return n;
end
$$;
revoke execute on function ethiq.write_membership(text, text, uuid, uuid, text, timestamptz) from public;
grant execute on function ethiq.write_membership(text, text, uuid, uuid, text, timestamptz) to ${app_role};

-- Audit: the app role no longer inserts rows itself. ethiq.append_audit checks a grant over the whole entry
-- (account, id, actor, action, target, time, IP, user agent, details): a back-dated or re-attributed entry needs
-- the application's key. recorded_at stays the database's clock_timestamp() (chain trigger, V5). The platform role (a separate credential, used by jobs) keeps its direct INSERT.
revoke insert on ethiq.audit_log, ethiq.audit_log_context from ${app_role};
create policy owner_append on ethiq.audit_log for all to ${owner_role} using (true) with check (true);
create policy owner_append on ethiq.audit_log_context for all to ${owner_role} using (true) with check (true);
grant select, insert on ethiq.audit_log, ethiq.audit_log_context to ${owner_role};

create function ethiq.append_audit(p_grant text, p_account uuid, p_id uuid, p_actor text, p_action text,
                                   p_target text, p_at timestamptz, p_keys text[], p_vals text[], p_ip text,
                                   p_ua text) returns void
    language plpgsql volatile security definer set search_path = ''
    as $$
declare
    detail_text text;
    new_seq bigint;
begin
    if pg_catalog.cardinality(coalesce(p_keys, '{}')) <> pg_catalog.cardinality(coalesce(p_vals, '{}')) then
        raise exception 'audit details: keys and values differ in number' using errcode = 'invalid_parameter_value';
    end if;
    select coalesce(pg_catalog.string_agg(ethiq.grant_field(d.k) || ethiq.grant_field(d.v), '' order by d.i), '')
      into detail_text
      from rows from (pg_catalog.unnest(coalesce(p_keys, '{}')), pg_catalog.unnest(coalesce(p_vals, '{}')))
           with ordinality as d(k, v, i);
    perform ethiq.check_grant(p_grant, 'audit', ethiq.grant_field(p_account::text) || ethiq.grant_field(p_id::text)
        || ethiq.grant_field(p_actor) || ethiq.grant_field(p_action) || ethiq.grant_field(p_target)
        || ethiq.grant_field(pg_catalog.to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || ethiq.grant_field(p_ip) || ethiq.grant_field(p_ua) || detail_text);
    if ethiq.current_account_id() is distinct from p_account then
        raise exception 'audit append outside its tenant' using errcode = 'insufficient_privilege';
    end if;
    insert into ethiq.audit_log (account_id, id, actor, action, target, occurred_at, details)
    values (p_account, p_id, p_actor, p_action, p_target, p_at,
            pg_catalog.jsonb_object(coalesce(p_keys, '{}'), coalesce(p_vals, '{}')))
    on conflict (account_id, id) do nothing
    returning seq into new_seq;
    if new_seq is not null and (coalesce(p_ip, '') <> '' or coalesce(p_ua, '') <> '') then
        insert into ethiq.audit_log_context (account_id, seq, ip, user_agent) values (p_account, new_seq, p_ip, p_ua);
    end if;
end
$$;
revoke execute on function ethiq.append_audit(text, uuid, uuid, text, text, text, timestamptz, text[], text[], text, text) from public;
grant execute on function ethiq.append_audit(text, uuid, uuid, text, text, text, timestamptz, text[], text[], text, text) to ${app_role};
