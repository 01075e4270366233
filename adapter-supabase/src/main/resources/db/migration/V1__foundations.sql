-- Foundations shared by every table: privileges, the tenant setting, generic triggers.
-- Runs as ${owner_role} (Flyway initSql: SET ROLE). Roles and the schema itself come from the bootstrap
-- (DatabaseBootstrap / docs/supabase.md) because roles are cluster-wide and carry passwords.

-- New functions are executable by PUBLIC unless told otherwise: nothing of ours should be.
alter default privileges revoke execute on functions from public;

grant usage on schema ethiq to ${app_role}, ${platform_role};

-- The tenant of the current transaction. NULL when unset; '' after a transaction that set it ended (hence nullif).
-- A malformed value raises: fails closed.
create function ethiq.current_account_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(pg_catalog.current_setting('app.current_account_id', true), '')::uuid $$;
revoke execute on function ethiq.current_account_id() from public;
grant execute on function ethiq.current_account_id() to ${app_role};

-- Append-only tables: UPDATE, DELETE and TRUNCATE are refused whoever asks (grants refuse them too).
create function ethiq.refuse_change() returns trigger
    language plpgsql set search_path = ''
    as $$
begin
    raise exception 'ethiq.% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end
$$;

-- Cache invalidation across nodes: every write to a table a node caches announces the account id (an opaque
-- UUID: NOTIFY has no privilege check, so the payload must reveal nothing). PostgreSQL folds identical
-- notifications of one transaction into one, and delivers them only at commit.
create function ethiq.notify_tenant_changed() returns trigger
    language plpgsql set search_path = ''
    as $$
declare
    row_json jsonb := case when tg_op = 'DELETE' then pg_catalog.to_jsonb(old) else pg_catalog.to_jsonb(new) end;
begin
    perform pg_catalog.pg_notify('ethiq_tenant_changed', row_json ->> tg_argv[0]);
    return null;
end
$$;

-- Canonical content of one audit entry, hashed into the chain. jsonb prints keys in a fixed order, so the text
-- is stable; times are printed in UTC with microseconds. Verifiers recompute it with this same function.
create function ethiq.audit_canonical(p_account_id uuid, p_seq bigint, p_id uuid, p_actor text, p_action text,
                                      p_target text, p_occurred_at timestamptz, p_details jsonb) returns text
    language sql stable set search_path = ''
    as $$
select pg_catalog.jsonb_build_object(
           'account_id', p_account_id, 'seq', p_seq, 'id', p_id, 'actor', p_actor, 'action', p_action,
           'target', p_target,
           'occurred_at', pg_catalog.to_char(p_occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'details', p_details)::text
$$;

-- hash = sha256(prev_hash || canonical content); the first entry of a chain has no prev_hash.
create function ethiq.audit_hash(p_prev bytea, p_canonical text) returns bytea
    language sql immutable set search_path = ''
    as $$ select pg_catalog.sha256(coalesce(p_prev, ''::bytea) || pg_catalog.convert_to(p_canonical, 'UTF8')) $$;

revoke execute on function ethiq.audit_canonical(uuid, bigint, uuid, text, text, text, timestamptz, jsonb) from public;
revoke execute on function ethiq.audit_hash(bytea, text) from public;
-- Called by the chain triggers as whoever inserts, and by verifiers.
grant execute on function ethiq.audit_canonical(uuid, bigint, uuid, text, text, text, timestamptz, jsonb) to ${app_role}, ${platform_role};
grant execute on function ethiq.audit_hash(bytea, text) to ${app_role}, ${platform_role};
