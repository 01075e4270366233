-- A fifth kind of alert: a relative pressed "I'm on it" on the family page, and each other emergency contact is texted
-- so (an SMS, E.164 recipient). Sent through the outbox like the other notices: once per call and contact through the
-- outbox's unique key, retried and audited by the dispatcher.
alter table ethiq.alerts
    drop constraint alerts_type_check,
    add constraint alerts_type_check check (alert_type in ('sms', 'conference_announcement', 'phone_offline', 'reported_caller',
        'family_handling')),
    drop constraint alerts_recipient_check,
    add constraint alerts_recipient_check check (char_length(recipient) between 3 and 128
        and (alert_type not in ('sms', 'phone_offline', 'reported_caller', 'family_handling') or recipient ~ '^\+[1-9][0-9]{6,14}$')
        and (alert_type <> 'conference_announcement' or recipient ~ '^[A-Za-z0-9_-]{3,128}$'));
