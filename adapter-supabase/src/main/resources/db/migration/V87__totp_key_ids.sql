-- Issue 14 item 6: TOTP seeds name the key that sealed them, so an old key can be retired.
-- The sealed value already starts with "v1.<key id>."; key_id is that id as a generated column (always true to the
-- seed, nothing to keep in step). The platform role may list which users' seeds are under which key, never the seeds
-- (column grant): the re-seal job then re-seals each one in that user's own unit of work, under row-level security.
alter table ethiq.totp_secrets
    add column key_id text generated always as (split_part(seed_sealed, '.', 2)) stored;
create index totp_secrets_key_id on ethiq.totp_secrets (key_id);

grant select (user_id, key_id) on ethiq.totp_secrets to ${platform_role};
create policy platform_key_ids on ethiq.totp_secrets for select to ${platform_role} using (true);
