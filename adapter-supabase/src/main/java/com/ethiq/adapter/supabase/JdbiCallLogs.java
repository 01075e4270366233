package com.ethiq.adapter.supabase;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.RingResult;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.TokenUsage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link CallLogs} on PostgreSQL, every call inside the tenant's own transaction. Each segment append is one
 * statement that finds the call, takes the next ordinal from it (the row lock orders the two tracks' appends)
 * and inserts the segment. The AI analysis is stored as jsonb built and read by SQL. Thread-safe.
 */
public final class JdbiCallLogs implements CallLogs {
    private static final String AI_JSON = """
            case when :ai_present then pg_catalog.jsonb_build_object(
                'scam', :ai_scam, 'confidence', :ai_confidence, 'category', cast(:ai_category as text),
                'reasons', pg_catalog.to_jsonb(cast(:ai_reasons as text[])),
                'evidence_turns', pg_catalog.to_jsonb(cast(:ai_turns as integer[])),
                'warning', cast(:ai_warning as text), 'model', cast(:ai_model as text),
                'prompt_tokens', :ai_prompt_tokens, 'completion_tokens', :ai_completion_tokens) end""";

    private static final String SELECT = """
            select c.account_id, c.call_sid, c.caller_number, c.start_time, c.end_time, c.state, c.protection,
                   c.fraud_detected, c.verdict, c.score, c.category, c.explanation, c.ring_result, c.ring_leg_sid,
                   c.caller_attestation,
                   (c.ai_analysis ->> 'scam')::boolean as ai_scam,
                   (c.ai_analysis ->> 'confidence')::double precision as ai_confidence,
                   c.ai_analysis ->> 'category' as ai_category,
                   array(select r.x from pg_catalog.jsonb_array_elements_text(c.ai_analysis -> 'reasons')
                                    with ordinality r(x, i) order by r.i) as ai_reasons,
                   array(select r.x::integer from pg_catalog.jsonb_array_elements_text(c.ai_analysis -> 'evidence_turns')
                                    with ordinality r(x, i) order by r.i) as ai_turns,
                   c.ai_analysis ->> 'warning' as ai_warning,
                   c.ai_analysis ->> 'model' as ai_model,
                   (c.ai_analysis ->> 'prompt_tokens')::bigint as ai_prompt_tokens,
                   (c.ai_analysis ->> 'completion_tokens')::bigint as ai_completion_tokens
              from ethiq.call_logs c
            """;

    private final TenantTransactions tx;

    JdbiCallLogs(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean open(CallLog log) {
        return tx.inTenant(log.tenant(), h -> bindAi(h.createUpdate("""
                        insert into ethiq.call_logs (account_id, call_sid, caller_number, start_time, end_time, state, protection,
                            fraud_detected, verdict, score, category, explanation, ai_analysis, ring_result, ring_leg_sid,
                            caller_attestation)
                        values (:t, :sid, :caller, :start, :end, :state, :protection, :fraud, :verdict, :score, :category,
                            :explanation, {ai}, :ring, :leg, :attestation)
                        on conflict (account_id, call_sid) do nothing""".replace("{ai}", AI_JSON))
                .bind("t", log.tenant().value())
                .bind("sid", log.callSid().value())
                .bind("caller", log.caller())
                .bind("start", Sql.ts(log.startedAt()))
                .bind("end", Sql.ts(log.endedAt()))
                .bind("state", log.state().wire())
                .bind("protection", log.protection().wire())
                .bind("fraud", log.fraudDetected())
                .bind("verdict", log.verdict())
                .bind("score", log.score())
                .bind("category", log.category().wire())
                .bind("explanation", log.explanation())
                .bind("ring", log.ring().map(RingResult::wire).orElse(null))
                .bind("leg", log.protectedLeg().map(CallSid::value).orElse(null))
                .bind("attestation", log.callerVerification().orElse(null)), log.aiAnalysis())
                .execute() == 1);
    }

    @Override
    public boolean claimMediaStream(TenantId tenant, CallSid callSid) {
        // One statement: the row lock makes two nodes' claims of the same call race to one winner.
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.call_logs set media_claimed_at = now(), updated_at = now()
                         where account_id = :t and call_sid = :sid and media_claimed_at is null and state <> 'ended'""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .execute() == 1);
    }

    @Override
    public boolean claimMediaStream(TenantId tenant, CallSid callSid, int generation) {
        if (generation <= 0) {
            return generation == 0 && claimMediaStream(tenant, callSid);
        }
        // A later generation takes the claim once; the row lock orders concurrent claims of the same call.
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.call_logs set media_claimed_at = now(), media_generation = :g, updated_at = now()
                         where account_id = :t and call_sid = :sid and media_generation < :g and state <> 'ended'""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("g", generation)
                .execute() == 1);
    }

    @Override
    public boolean recordRingLeg(TenantId tenant, CallSid callSid, CallSid leg) {
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.call_logs set ring_leg_sid = coalesce(ring_leg_sid, :leg), updated_at = now()
                         where account_id = :t and call_sid = :sid""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("leg", leg.value())
                .execute() == 1);
    }

    @Override
    public boolean recordRingResult(TenantId tenant, CallSid callSid, RingResult result) {
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.call_logs set ring_result = :ring, updated_at = now()
                         where account_id = :t and call_sid = :sid and ring_result is null""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("ring", result.wire())
                .execute() == 1);
    }

    @Override
    public boolean updateState(TenantId tenant, CallSid callSid, CallState state, Instant at) {
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.call_logs c
                           set state = case when pg_catalog.array_position(array['ringing', 'in_progress', 'ended'], cast(:state as text))
                                              >= pg_catalog.array_position(array['ringing', 'in_progress', 'ended'], c.state)
                                            then cast(:state as text) else c.state end,
                               end_time = case when cast(:state as text) = 'ended' and c.end_time is null then :at else c.end_time end,
                               transcript = case when cast(:state as text) = 'ended' and c.state <> 'ended'
                                                 then (select pg_catalog.string_agg(s.speaker || ': ' || s.text, E'\\n' order by s.ordinal)
                                                         from ethiq.transcript_segments s
                                                        where s.account_id = c.account_id and s.call_log_id = c.id)
                                                 else c.transcript end,
                               updated_at = now()
                         where c.account_id = :t and c.call_sid = :sid""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("state", state.wire())
                .bind("at", Sql.ts(at))
                .execute() == 1);
    }

    @Override
    public boolean updateProtection(TenantId tenant, CallSid callSid, CallProtection protection) {
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.call_logs set protection = :protection, updated_at = now()
                         where account_id = :t and call_sid = :sid""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("protection", protection.wire())
                .execute() == 1);
    }

    @Override
    public void appendSegment(TenantId tenant, CallSid callSid, TranscriptSegment segment) {
        if (!segment.isFinal()) {
            return; // partials are revised until their final arrives: only finals are worth storing
        }
        tx.inTenant(tenant, h -> h.createUpdate("""
                        with c as (
                            update ethiq.call_logs set segment_count = segment_count + 1
                             where account_id = :t and call_sid = :sid
                            returning account_id, id, segment_count)
                        insert into ethiq.transcript_segments (account_id, call_log_id, ordinal, speaker, utterance_index, text,
                            is_final, start_offset_ms, end_offset_ms, confidence)
                        select c.account_id, c.id, c.segment_count, :speaker, :utterance, :text, :final, :start_ms, :end_ms, :confidence
                          from c""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("speaker", segment.speaker().wire())
                .bind("utterance", segment.utteranceIndex())
                .bind("text", segment.text())
                .bind("final", segment.isFinal())
                .bind("start_ms", segment.startOffset().toMillis())
                .bind("end_ms", segment.endOffset().toMillis())
                .bind("confidence", segment.confidence())
                .execute());
    }

    @Override
    public void recordVerdict(TenantId tenant, CallSid callSid, Verdict verdict) {
        tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.call_logs
                           set fraud_detected = fraud_detected or :scam, verdict = :label, score = :score, category = :category,
                               explanation = :explanation, updated_at = now()
                         where account_id = :t and call_sid = :sid""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .bind("scam", verdict.isScam())
                .bind("label", verdict.label())
                .bind("score", verdict.score())
                .bind("category", verdict.category().wire())
                .bind("explanation", verdict.explanation())
                .execute());
    }

    @Override
    public void recordAiAnalysis(TenantId tenant, CallSid callSid, AiAnalysis analysis) {
        tx.inTenant(tenant, h -> bindAi(h.createUpdate("update ethiq.call_logs set ai_analysis = " + AI_JSON
                        + ", updated_at = now() where account_id = :t and call_sid = :sid")
                .bind("t", tenant.value())
                .bind("sid", callSid.value()), analysis)
                .execute());
    }

    @Override
    public Optional<CallLog> find(TenantId tenant, CallSid callSid) {
        return tx.inTenant(tenant, h -> h.createQuery(SELECT + " where c.account_id = :t and c.call_sid = :sid")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .map(JdbiCallLogs::callLog)
                .findOne());
    }

    @Override
    public List<TranscriptSegment> transcript(TenantId tenant, CallSid callSid) {
        return tx.inTenant(tenant, h -> h.createQuery("""
                        select s.speaker, s.utterance_index, s.text, s.is_final, s.start_offset_ms, s.end_offset_ms, s.confidence
                          from ethiq.transcript_segments s
                          join ethiq.call_logs c on c.account_id = s.account_id and c.id = s.call_log_id
                         where c.account_id = :t and c.call_sid = :sid
                         order by s.ordinal""")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .map((rs, ctx) -> new TranscriptSegment(Speaker.fromWire(rs.getString("speaker")), rs.getInt("utterance_index"),
                        rs.getString("text"), rs.getBoolean("is_final"), Duration.ofMillis(rs.getLong("start_offset_ms")),
                        Duration.ofMillis(rs.getLong("end_offset_ms")), rs.getDouble("confidence")))
                .list());
    }

    @Override
    public List<CallLog> recent(TenantId tenant, Instant before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return tx.inTenant(tenant, h -> {
            var query = h.createQuery(SELECT + " where c.account_id = :t"
                            + (before == null ? "" : " and c.start_time < :before")
                            + " order by c.start_time desc, c.id limit :limit")
                    .bind("t", tenant.value())
                    .bind("limit", limit);
            if (before != null) {
                query.bind("before", Sql.ts(before));
            }
            return query.map(JdbiCallLogs::callLog).list();
        });
    }

    @Override
    public int purgeTranscripts(TenantId tenant, Instant cutoff) {
        return purge(tenant, cutoff, "");
    }

    @Override
    public int purgeClearTranscripts(TenantId tenant, Instant cutoff) {
        return purge(tenant, cutoff, " and not fraud_detected and verdict = 'clear'");
    }

    /**
     * Deletes the transcript segments (and clears the transcript column) of the tenant's calls started before
     * {@code cutoff} that also match {@code andCalls} (a constant SQL condition on call_logs, or empty); the segments
     * deleted.
     */
    private int purge(TenantId tenant, Instant cutoff, String andCalls) {
        return tx.inTenant(tenant, h -> h.createQuery("""
                        with old as (
                            select id from ethiq.call_logs
                             where account_id = :t and start_time < :cutoff""" + andCalls + """
                        ),
                        purged as (
                            delete from ethiq.transcript_segments s using old
                             where s.account_id = :t and s.call_log_id = old.id
                            returning 1),
                        cleared as (
                            update ethiq.call_logs c set transcript = null, updated_at = now() from old
                             where c.account_id = :t and c.id = old.id and c.transcript is not null
                            returning 1)
                        select count(*) from purged""")
                .bind("t", tenant.value())
                .bind("cutoff", Sql.ts(cutoff))
                .mapTo(Integer.class)
                .one());
    }

    private static <S extends SqlStatement<S>> S bindAi(S statement, AiAnalysis ai) {
        return statement
                .bind("ai_present", ai != null)
                .bind("ai_scam", ai != null && ai.scam())
                .bind("ai_confidence", ai == null ? 0.0 : ai.confidence())
                .bind("ai_category", ai == null ? null : ai.category().wire())
                .bindArray("ai_reasons", String.class, ai == null ? List.of() : ai.reasons())
                .bindArray("ai_turns", Integer.class, ai == null ? List.of() : ai.evidenceTurns())
                .bind("ai_warning", ai == null ? null : ai.warning())
                .bind("ai_model", ai == null ? null : ai.model())
                .bind("ai_prompt_tokens", ai == null ? 0L : ai.usage().promptTokens())
                .bind("ai_completion_tokens", ai == null ? 0L : ai.usage().completionTokens());
    }

    static CallLog callLog(ResultSet rs, StatementContext ctx) throws SQLException {
        AiAnalysis ai = null;
        boolean scam = rs.getBoolean("ai_scam");
        if (!rs.wasNull()) {
            ai = new AiAnalysis(scam, rs.getDouble("ai_confidence"), ScamCategory.fromWire(rs.getString("ai_category")),
                    Arrays.asList(Sql.strings(rs, "ai_reasons")),
                    Arrays.asList((Integer[]) rs.getArray("ai_turns").getArray()),
                    rs.getString("ai_warning"), rs.getString("ai_model"),
                    new TokenUsage(rs.getLong("ai_prompt_tokens"), rs.getLong("ai_completion_tokens")));
        }
        return new CallLog(new TenantId(Sql.uuid(rs, "account_id")), CallSid.of(rs.getString("call_sid")),
                rs.getString("caller_number"), Sql.instant(rs, "start_time"), Sql.instant(rs, "end_time"),
                CallState.fromWire(rs.getString("state")), CallProtection.fromWire(rs.getString("protection")),
                rs.getBoolean("fraud_detected"), rs.getString("verdict"), rs.getDouble("score"),
                ScamCategory.fromWire(rs.getString("category")), rs.getString("explanation"), ai,
                rs.getString("ring_result") == null ? null : RingResult.fromWire(rs.getString("ring_result")),
                rs.getString("ring_leg_sid") == null ? null : CallSid.of(rs.getString("ring_leg_sid")),
                rs.getString("caller_attestation"));
    }
}
