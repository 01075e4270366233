-- Issue 14 item 7: the simulator's state shared through the store. What /sim/speech scripts for each track of a call
-- (simulated speech only; a production node has no simulated recogniser) and which lines were already heard, so a
-- call streamed on any node, or streamed again on a survivor after its node died, hears the next line not yet heard.
-- Account data: the lines are what the account's call will "say" (they become its transcript), so the table is kept
-- per account under forced row-level security like the transcript, and erased with the account. No key to call_logs:
-- /sim/speech checks the call exists; the lines go with the account.
create table ethiq.sim_speech_lines (
    account_id uuid not null references ethiq.accounts (id) on delete cascade,
    call_sid   text not null,
    speaker    text not null,
    line_index integer not null,
    text       text not null,
    heard_at   timestamptz,
    created_at timestamptz not null default now(),
    primary key (account_id, call_sid, speaker, line_index),
    constraint sim_speech_lines_call_sid_format check (call_sid ~ '^[A-Za-z0-9_-]{2,64}$'),
    constraint sim_speech_lines_speaker_check check (speaker in ('caller', 'callee')),
    constraint sim_speech_lines_index_check check (line_index >= 0),
    constraint sim_speech_lines_text_check check (length(text) between 1 and 1000)
);

alter table ethiq.sim_speech_lines enable row level security;
alter table ethiq.sim_speech_lines force row level security;
create policy tenant_rw on ethiq.sim_speech_lines for all to ${app_role}
    using (account_id = (select ethiq.current_account_id()))
    with check (account_id = (select ethiq.current_account_id()));
grant select, insert on ethiq.sim_speech_lines to ${app_role};
grant update (heard_at) on ethiq.sim_speech_lines to ${app_role};
create policy platform_read on ethiq.sim_speech_lines for select to ${platform_role} using (true);
create policy platform_erase on ethiq.sim_speech_lines for delete to ${platform_role} using (true);
grant select, delete on ethiq.sim_speech_lines to ${platform_role};
