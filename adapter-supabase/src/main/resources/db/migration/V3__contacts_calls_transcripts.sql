-- Emergency contacts, call logs and transcript segments. Every tenant table leads its primary key with
-- account_id: ids are unique per tenant only, so no tenant can learn that another tenant's id exists, and
-- children point at their parent with composite (account_id, parent_id) keys that cannot cross tenants.

create table ethiq.emergency_contacts (
    account_id   uuid not null references ethiq.accounts (id) on delete cascade,
    id           uuid not null,
    name         text not null,
    phone_number text not null,
    relationship text not null default '',
    created_at   timestamptz not null,
    updated_at   timestamptz not null default now(),
    primary key (account_id, id),
    constraint emergency_contacts_phone_key unique (account_id, phone_number),
    constraint emergency_contacts_phone_e164 check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    constraint emergency_contacts_name_check check (btrim(name) <> '' and char_length(name) <= 120),
    constraint emergency_contacts_relationship_check check (char_length(relationship) <= 60)
);

create table ethiq.call_logs (
    account_id     uuid not null references ethiq.accounts (id) on delete cascade,
    id             uuid not null default gen_random_uuid(),
    call_sid       text not null,
    -- as the provider gave it ("anonymous" happens); erased to NULL
    caller_number  text,
    start_time     timestamptz not null,
    end_time       timestamptz,
    state          text not null,
    protection     text not null,
    fraud_detected boolean not null default false,
    verdict        text not null default 'clear',
    score          double precision not null default 0,
    category       text not null default 'none',
    explanation    text not null default '',
    -- the seed's column: the final transcript as text, filled when the call ends, purged with the segments
    transcript     text,
    ai_analysis    jsonb,
    -- ordinal source for transcript_segments: the row lock also serialises the two tracks' appends
    segment_count  integer not null default 0,
    -- set when retention or erasure cleared the transcript and AI analysis: the retention scan skips the row
    content_purged_at timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (account_id, id),
    -- per tenant: a global key would tell a tenant that another tenant logged this sid
    constraint call_logs_call_sid_key unique (account_id, call_sid),
    constraint call_logs_call_sid_format check (call_sid ~ '^[A-Za-z0-9_-]{2,64}$'),
    constraint call_logs_caller_number_length check (char_length(caller_number) <= 64),
    constraint call_logs_state_check check (state in ('ringing', 'in_progress', 'ended')),
    constraint call_logs_protection_check check (protection in ('protected', 'unprotected_account_suspended',
        'unprotected_speech_unavailable', 'unprotected_no_media', 'rejected')),
    constraint call_logs_verdict_check check (verdict in ('clear', 'suspicious', 'scam')),
    constraint call_logs_score_check check (score >= 0 and score <= 1),
    constraint call_logs_category_check check (category ~ '^[a-z_]{1,40}$'),
    constraint call_logs_ai_analysis_check check (ai_analysis is null or jsonb_typeof(ai_analysis) = 'object'),
    constraint call_logs_segment_count_check check (segment_count >= 0)
);
create index call_logs_recent_idx on ethiq.call_logs (account_id, start_time desc);
-- the retention job's scan across tenants: only calls whose content is still there
create index call_logs_retention_idx on ethiq.call_logs (start_time) where content_purged_at is null;

create table ethiq.transcript_segments (
    account_id      uuid not null,
    call_log_id     uuid not null,
    ordinal         integer not null,
    speaker         text not null,
    utterance_index integer not null,
    text            text not null,
    is_final        boolean not null,
    start_offset_ms bigint not null,
    end_offset_ms   bigint not null,
    confidence      double precision not null,
    created_at      timestamptz not null default now(),
    primary key (account_id, call_log_id, ordinal),
    foreign key (account_id, call_log_id) references ethiq.call_logs (account_id, id) on delete cascade,
    constraint transcript_segments_ordinal_check check (ordinal >= 1),
    constraint transcript_segments_speaker_check check (speaker in ('caller', 'callee')),
    constraint transcript_segments_utterance_check check (utterance_index >= 0),
    constraint transcript_segments_text_check check (char_length(text) <= 20000),
    constraint transcript_segments_offsets_check check (start_offset_ms >= 0 and end_offset_ms >= start_offset_ms),
    constraint transcript_segments_confidence_check check (confidence >= 0 and confidence <= 1)
);

alter table ethiq.emergency_contacts enable row level security;
alter table ethiq.emergency_contacts force row level security;
alter table ethiq.call_logs enable row level security;
alter table ethiq.call_logs force row level security;
alter table ethiq.transcript_segments enable row level security;
alter table ethiq.transcript_segments force row level security;

create policy tenant_rw on ethiq.emergency_contacts for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.emergency_contacts to ${app_role};
grant update (name, phone_number, relationship, updated_at) on ethiq.emergency_contacts to ${app_role};
-- erasure
create policy platform_read on ethiq.emergency_contacts for select to ${platform_role} using (true);
create policy platform_erase on ethiq.emergency_contacts for delete to ${platform_role} using (true);
grant select, delete on ethiq.emergency_contacts to ${platform_role};

create policy tenant_rw on ethiq.call_logs for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.call_logs to ${app_role};
grant update (end_time, state, protection, fraud_detected, verdict, score, category, explanation, transcript,
              ai_analysis, segment_count, content_purged_at, updated_at) on ethiq.call_logs to ${app_role};
-- retention and erasure: clear personal columns, keep the row (billing, statistics)
create policy platform_read on ethiq.call_logs for select to ${platform_role} using (true);
create policy platform_anonymise on ethiq.call_logs for update to ${platform_role} using (true) with check (true);
grant select on ethiq.call_logs to ${platform_role};
grant update (caller_number, transcript, ai_analysis, explanation, content_purged_at, updated_at)
    on ethiq.call_logs to ${platform_role};

create policy tenant_rw on ethiq.transcript_segments for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert, delete on ethiq.transcript_segments to ${app_role};
create policy platform_read on ethiq.transcript_segments for select to ${platform_role} using (true);
create policy platform_purge on ethiq.transcript_segments for delete to ${platform_role} using (true);
grant select, delete on ethiq.transcript_segments to ${platform_role};
