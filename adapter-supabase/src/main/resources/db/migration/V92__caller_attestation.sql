-- Issue 18: the carrier's caller-ID verification (Twilio's StirVerstat, parsed) kept on the call log when the provider
-- passed one on; null otherwise (the common case: French operators do not pass it on). Written once, at insert, so
-- the app role's existing insert grant covers it and no update grant is added.
alter table ethiq.call_logs
    add column caller_attestation text,
    add constraint call_logs_caller_attestation_check
        check (caller_attestation in ('passed_a', 'passed_b', 'passed_c', 'failed', 'not_verified'));
