package com.ethiq.core.fake;

import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.RingResult;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link CallLogs}. Thread-safe (one lock: fine for tests and the demo). */
public final class InMemoryCallLogs implements CallLogs {
    private record Key(TenantId tenant, CallSid callSid) {
    }

    // keyed per tenant: a call sid of another tenant behaves as absent, as in the durable store
    private final Map<Key, CallLog> logs = new HashMap<>();
    private final Map<Key, List<TranscriptSegment>> segments = new HashMap<>();
    private final Set<Key> mediaClaimed = new HashSet<>();

    @Override
    public synchronized boolean open(CallLog log) {
        Key key = new Key(log.tenant(), log.callSid());
        if (logs.containsKey(key)) {
            return false;
        }
        logs.put(key, log);
        return true;
    }

    private CallLog get(TenantId tenant, CallSid callSid) {
        return logs.get(new Key(tenant, callSid));
    }

    @Override
    public synchronized boolean updateState(TenantId tenant, CallSid callSid, CallState state, Instant at) {
        CallLog l = get(tenant, callSid);
        if (l == null) {
            return false;
        }
        if (!l.state().canMoveTo(state)) {
            return true;
        }
        Instant ended = state == CallState.ENDED ? (l.endedAt() != null ? l.endedAt() : at) : l.endedAt();
        logs.put(new Key(tenant, callSid), new CallLog(l.tenant(), l.callSid(), l.caller(), l.startedAt(), ended, state, l.protection(),
                l.fraudDetected(), l.verdict(), l.score(), l.category(), l.explanation(), l.aiAnalysis(), l.ringResult(), l.ringLeg(), l.attestation()));
        return true;
    }

    @Override
    public synchronized boolean updateProtection(TenantId tenant, CallSid callSid, CallProtection protection) {
        CallLog l = get(tenant, callSid);
        if (l == null) {
            return false;
        }
        logs.put(new Key(tenant, callSid), new CallLog(l.tenant(), l.callSid(), l.caller(), l.startedAt(), l.endedAt(), l.state(), protection,
                l.fraudDetected(), l.verdict(), l.score(), l.category(), l.explanation(), l.aiAnalysis(), l.ringResult(), l.ringLeg(), l.attestation()));
        return true;
    }

    @Override
    public synchronized boolean claimMediaStream(TenantId tenant, CallSid callSid) {
        CallLog l = get(tenant, callSid);
        if (l == null || l.state() == CallState.ENDED) {
            return false;
        }
        return mediaClaimed.add(new Key(tenant, callSid));
    }

    @Override
    public synchronized boolean claimMediaStream(TenantId tenant, CallSid callSid, int generation) {
        if (generation == 0) {
            return claimMediaStream(tenant, callSid);
        }
        CallLog l = get(tenant, callSid);
        Key key = new Key(tenant, callSid);
        if (generation < 0 || l == null || l.state() == CallState.ENDED || mediaGeneration.getOrDefault(key, 0) >= generation) {
            return false;
        }
        mediaClaimed.add(key);
        mediaGeneration.put(key, generation);
        return true;
    }

    private final java.util.Map<Key, Integer> mediaGeneration = new java.util.HashMap<>();

    @Override
    public synchronized boolean recordRingLeg(TenantId tenant, CallSid callSid, CallSid leg) {
        CallLog l = get(tenant, callSid);
        if (l == null) {
            return false;
        }
        if (l.ringLeg() == null) {
            logs.put(new Key(tenant, callSid), l.withRing(l.ringResult(), leg));
        }
        return true;
    }

    @Override
    public synchronized boolean recordRingResult(TenantId tenant, CallSid callSid, RingResult result) {
        CallLog l = get(tenant, callSid);
        if (l == null || l.ringResult() != null) {
            return false;
        }
        logs.put(new Key(tenant, callSid), l.withRing(result, l.ringLeg()));
        return true;
    }

    @Override
    public synchronized void appendSegment(TenantId tenant, CallSid callSid, TranscriptSegment segment) {
        if (get(tenant, callSid) == null || !segment.isFinal()) {
            return;
        }
        segments.computeIfAbsent(new Key(tenant, callSid), k -> new ArrayList<>()).add(segment);
    }

    @Override
    public synchronized void recordVerdict(TenantId tenant, CallSid callSid, Verdict verdict) {
        CallLog l = get(tenant, callSid);
        if (l == null) {
            return;
        }
        logs.put(new Key(tenant, callSid), new CallLog(l.tenant(), l.callSid(), l.caller(), l.startedAt(), l.endedAt(), l.state(), l.protection(),
                l.fraudDetected() || verdict.isScam(), verdict.label(), verdict.score(), verdict.category(),
                verdict.explanation(), l.aiAnalysis(), l.ringResult(), l.ringLeg(), l.attestation()));
    }

    @Override
    public synchronized void recordAiAnalysis(TenantId tenant, CallSid callSid, AiAnalysis analysis) {
        CallLog l = get(tenant, callSid);
        if (l == null) {
            return;
        }
        logs.put(new Key(tenant, callSid), new CallLog(l.tenant(), l.callSid(), l.caller(), l.startedAt(), l.endedAt(), l.state(), l.protection(),
                l.fraudDetected(), l.verdict(), l.score(), l.category(), l.explanation(), analysis, l.ringResult(), l.ringLeg(), l.attestation()));
    }

    @Override
    public synchronized Optional<CallLog> find(TenantId tenant, CallSid callSid) {
        return Optional.ofNullable(get(tenant, callSid));
    }

    @Override
    public synchronized List<TranscriptSegment> transcript(TenantId tenant, CallSid callSid) {
        return List.copyOf(segments.getOrDefault(new Key(tenant, callSid), List.of()));
    }

    @Override
    public synchronized List<CallLog> recent(TenantId tenant, Instant before, int limit) {
        return logs.values().stream()
                .filter(l -> l.tenant().equals(tenant))
                .filter(l -> before == null || l.startedAt().isBefore(before))
                .sorted(Comparator.comparing(CallLog::startedAt).reversed())
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public synchronized int purgeTranscripts(TenantId tenant, Instant cutoff) {
        int purged = 0;
        for (CallLog l : logs.values()) {
            if (l.tenant().equals(tenant) && l.startedAt().isBefore(cutoff)) {
                List<TranscriptSegment> removed = segments.remove(new Key(tenant, l.callSid()));
                purged += removed == null ? 0 : removed.size();
            }
        }
        return purged;
    }

    @Override
    public synchronized int purgeClearTranscripts(TenantId tenant, Instant cutoff) {
        int purged = 0;
        for (CallLog l : logs.values()) {
            if (l.tenant().equals(tenant) && l.startedAt().isBefore(cutoff) && !l.fraudDetected() && "clear".equals(l.verdict())) {
                List<TranscriptSegment> removed = segments.remove(new Key(tenant, l.callSid()));
                purged += removed == null ? 0 : removed.size();
            }
        }
        return purged;
    }
}
