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
