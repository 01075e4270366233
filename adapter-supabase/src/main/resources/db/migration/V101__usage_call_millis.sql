-- A new usage kind: protected call time in milliseconds (from the media stream's start to the call's end), recorded
-- with each call's billed speech, so the speech billed per protected minute can be read per account and month.
alter table ethiq.usage_events
    drop constraint usage_events_kind_check,
    add constraint usage_events_kind_check check (kind in ('speech_millis', 'ai_prompt_tokens', 'ai_completion_tokens',
                                                           'ai_requests', 'sms_sent', 'announcements', 'calls',
                                                           'call_millis'));
