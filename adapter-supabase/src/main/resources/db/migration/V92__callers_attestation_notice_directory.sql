-- Issue 18: the carrier's caller-ID verification (Twilio's StirVerstat, parsed) kept on the call log when the provider
-- passed one on; null otherwise (the common case: French operators do not pass it on). Written once, at insert, so
-- the app role's existing insert grant covers it and no update grant is added.
alter table ethiq.call_logs
    add column caller_attestation text,
    add constraint call_logs_caller_attestation_check
        check (caller_attestation in ('passed_a', 'passed_b', 'passed_c', 'failed', 'not_verified'));

-- A fourth kind of alert: the family texted at ring time that a number reported as a scam by enough accounts is
-- calling (an SMS, E.164 recipient; once per call and contact through the outbox's unique key).
alter table ethiq.alerts
    drop constraint alerts_type_check,
    add constraint alerts_type_check check (alert_type in ('sms', 'conference_announcement', 'phone_offline', 'reported_caller')),
    drop constraint alerts_recipient_check,
    add constraint alerts_recipient_check check (char_length(recipient) between 3 and 128
        and (alert_type not in ('sms', 'phone_offline', 'reported_caller') or recipient ~ '^\+[1-9][0-9]{6,14}$')
        and (alert_type <> 'conference_announcement' or recipient ~ '^[A-Za-z0-9_-]{3,128}$'));

-- The institution directory the claim check uses, as versioned platform data (issue 18): operators publish a new
-- version without a release; the newest (latest published_at) is current, every node re-reads it within its cache TTL; the
-- bundled file is the seed until a first version is published. Not tenant data: only the platform role reads and
-- writes it, the app role has no grant at all. Versions are kept (who published what, when).
create table ethiq.institution_directories (
    version      text primary key,
    body         text not null,
    published_at timestamptz not null,
    published_by text not null,
    constraint institution_directories_version_format check (version ~ '^[A-Za-z0-9._-]{1,64}$'),
    constraint institution_directories_body_size check (char_length(body) between 1 and 1000000),
    constraint institution_directories_by_size check (char_length(published_by) between 1 and 200)
);

alter table ethiq.institution_directories enable row level security;
alter table ethiq.institution_directories force row level security;
create policy platform_read on ethiq.institution_directories for select to ${platform_role} using (true);
create policy platform_publish on ethiq.institution_directories for insert to ${platform_role} with check (true);
grant select, insert on ethiq.institution_directories to ${platform_role};
