-- Privacy of ordinary calls (issue 17): the transcript of a call judged clear is kept a short time (default 7 days),
-- calls judged scam or suspect keep the account's transcript retention. The retention job applies the shorter of the
-- two to clear calls (JdbiTranscriptPurge).
alter table ethiq.tenant_settings
    add column clear_call_retention_seconds bigint not null default 604800,
    add constraint tenant_settings_clear_call_retention_check
        check (clear_call_retention_seconds between 86400 and 3650 * 86400);

grant update (clear_call_retention_seconds) on ethiq.tenant_settings to ${app_role};
