-- Issue 16, "block this number": what the block action puts on the list, per account. 'blocked_reject' refuses the
-- call before it rings (the default, as before); 'blocked_warn' connects it with a spoken warning first.
alter table ethiq.tenant_settings add column blocked_callers text not null default 'blocked_reject'
    constraint tenant_settings_blocked_callers_choice check (blocked_callers in ('blocked_reject', 'blocked_warn'));
grant update (blocked_callers) on ethiq.tenant_settings to ${app_role};
