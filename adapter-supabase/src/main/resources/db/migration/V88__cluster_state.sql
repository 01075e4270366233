-- Issue 14 item 4: state that must hold across every node of a cluster, kept in the store.

-- The media stream's per-call tokens, used once on the whole cluster: a token id is remembered until the token could
-- no longer verify anyway (expires_at); expired rows of an account are deleted by that account's next redemption.
create table ethiq.media_token_uses (
    account_id uuid not null references ethiq.accounts (id) on delete cascade,
    token_id   text not null,
    expires_at timestamptz not null,
    used_at    timestamptz not null default now(),
    primary key (account_id, token_id),
    constraint media_token_uses_token_id_format check (token_id ~ '^[A-Za-z0-9_-]{8,64}$')
);
create index media_token_uses_expiry on ethiq.media_token_uses (account_id, expires_at);

alter table ethiq.media_token_uses enable row level security;
alter table ethiq.media_token_uses force row level security;
create policy tenant_rw on ethiq.media_token_uses for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.media_token_uses to ${app_role};
create policy platform_read on ethiq.media_token_uses for select to ${platform_role} using (true);
create policy platform_erase on ethiq.media_token_uses for delete to ${platform_role} using (true);
grant select, delete on ethiq.media_token_uses to ${platform_role};

-- The AI requests each account used per UTC day, for the whole cluster: nodes reserve small slices of the day's
-- budget with one atomic upsert (used never exceeds the budget asked for).
create table ethiq.ai_budget_days (
    account_id uuid not null references ethiq.accounts (id) on delete cascade,
    day        date not null,
    used       integer not null,
    primary key (account_id, day),
    constraint ai_budget_days_used_check check (used >= 0)
);

alter table ethiq.ai_budget_days enable row level security;
alter table ethiq.ai_budget_days force row level security;
create policy tenant_rw on ethiq.ai_budget_days for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.ai_budget_days to ${app_role};
grant update (used) on ethiq.ai_budget_days to ${app_role};
create policy platform_read on ethiq.ai_budget_days for select to ${platform_role} using (true);
create policy platform_erase on ethiq.ai_budget_days for delete to ${platform_role} using (true);
grant select, delete on ethiq.ai_budget_days to ${platform_role};
