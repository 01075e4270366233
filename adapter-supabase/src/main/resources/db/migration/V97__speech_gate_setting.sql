-- Issue 20, speech-gated recognition: per account, whether only the audio where someone speaks is sent to speech
-- recognition (true, the default: billed per second sent) or both tracks whole (false: no risk of a clipped word, about
-- three times the recognition cost). The node's ETHIQ_SPEECH_GATE=false still turns the gate off for every account.
alter table ethiq.tenant_settings add column speech_gate boolean not null default true;
grant update (speech_gate) on ethiq.tenant_settings to ${app_role};
