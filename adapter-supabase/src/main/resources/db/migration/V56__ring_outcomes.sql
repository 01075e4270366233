-- Issue 21 and issue 14 item 2: how ringing the protected person ended, the person's leg, the call's one media stream,
-- the account's ring timeout and voicemail, and the phone-offline notice to the account.

-- The call log is the idempotency anchor of a call: one row per (account, call sid). media_claimed_at makes its media
-- stream single on every node; ring_result is written once (the first outcome wins; whoever wrote it acts on it).
alter table ethiq.call_logs
    add column ring_result      text,
    add column ring_leg_sid     text,
    add column media_claimed_at timestamptz,
    add constraint call_logs_ring_result_check check (ring_result in ('answered', 'no_answer', 'busy', 'unreachable',
        'caller_hung_up', 'not_rung')),
    add constraint call_logs_ring_leg_sid_format check (ring_leg_sid ~ '^[A-Za-z0-9_-]{2,64}$');

-- How long the protected person's phone rings (Twilio's participant Timeout) and where an unanswered call goes.
alter table ethiq.tenant_settings
    add column ring_timeout_seconds integer not null default 30,
    add column voicemail            text,
    add constraint tenant_settings_ring_timeout_check check (ring_timeout_seconds between 5 and 120),
    add constraint tenant_settings_voicemail_check check (voicemail ~ '^(\+[1-9][0-9]{6,14}|sips?:[^@\s]+@[A-Za-z0-9.-]+(:[0-9]{1,5})?(;[A-Za-z0-9=._-]+)*)$');

-- A third kind of alert: the account told that the protected phone seems offline (an SMS, E.164 recipient).
alter table ethiq.alerts
    drop constraint alerts_type_check,
    add constraint alerts_type_check check (alert_type in ('sms', 'conference_announcement', 'phone_offline')),
    drop constraint alerts_recipient_check,
    add constraint alerts_recipient_check check (char_length(recipient) between 3 and 128
        and (alert_type not in ('sms', 'phone_offline') or recipient ~ '^\+[1-9][0-9]{6,14}$')
        and (alert_type <> 'conference_announcement' or recipient ~ '^[A-Za-z0-9_-]{3,128}$'));

-- Column grants in the style of V2/V3: the app role may write the new columns, nothing more.
grant update (ring_result, ring_leg_sid, media_claimed_at) on ethiq.call_logs to ${app_role};
grant update (ring_timeout_seconds, voicemail) on ethiq.tenant_settings to ${app_role};
