package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.callSid;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CallLogs} must do. Unique ids per test, so it can run against a shared database. */
public abstract class CallLogsContract {

    protected abstract CallLogs create();

    /** A tenant that exists in the store the call logs belong to. */
    protected abstract TenantId newTenant();

    protected CallLogs logs;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpLogs() {
        logs = create();
        a = newTenant();
        b = newTenant();
    }

    private static final AiAnalysis AI = new AiAnalysis(true, 0.87, ScamCategory.FAKE_BANK_ADVISER,
            List.of("asks for the card code", "claims urgency"), List.of(2, 3), "Attention : ceci ressemble à une arnaque.",
            "gpt-test", new TokenUsage(812, 64));

    private static TranscriptSegment seg(Speaker speaker, int index, String text) {
        return new TranscriptSegment(speaker, index, text, true, Duration.ofMillis(1000L * index),
                Duration.ofMillis(1000L * index + 750), 0.92);
    }

    private CallLog open(TenantId tenant, Instant at) {
        CallLog log = CallLog.started(tenant, callSid(), "+33612345678", at, CallProtection.PROTECTED);
        assertThat(logs.open(log)).isTrue();
        return log;
    }

    @Test
    void anOpenedCallIsFoundAsItWasGiven() {
        CallLog log = CallLog.started(a, callSid(), "anonymous", T0, CallProtection.UNPROTECTED_ACCOUNT_SUSPENDED);
        assertThat(logs.open(log)).isTrue();

        assertThat(logs.find(a, log.callSid())).contains(log);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        CallLog full = new CallLog(a, callSid(), "+33198765432", T0, T0.plusSeconds(95), CallState.ENDED,
                CallProtection.UNPROTECTED_SPEECH_UNAVAILABLE, true, "scam", 0.91, ScamCategory.FAKE_COURIER,
                "courier asks for a fee", AI);
        assertThat(logs.open(full)).isTrue();

        assertThat(logs.find(a, full.callSid())).contains(full);
    }

    @Test
    void theCarriersCallerIdVerificationIsKeptThroughLaterWrites() {
        CallLog failed = CallLog.started(a, callSid(), "+12025550143", T0, CallProtection.PROTECTED, "failed");
        CallLog none = CallLog.started(a, callSid(), "+33612345678", T0, CallProtection.PROTECTED, "");
        assertThat(logs.open(failed)).isTrue();
        assertThat(logs.open(none)).isTrue();

        logs.updateState(a, failed.callSid(), CallState.IN_PROGRESS, T0.plusSeconds(1));
        logs.updateProtection(a, failed.callSid(), CallProtection.UNPROTECTED_SPEECH_UNAVAILABLE);
        logs.recordRingResult(a, failed.callSid(), com.ethiq.core.domain.RingResult.ANSWERED);

        assertThat(logs.find(a, failed.callSid()).orElseThrow().callerVerification()).contains("failed");
        assertThat(logs.find(a, none.callSid()).orElseThrow().callerVerification()).isEmpty();
        assertThat(logs.recent(a, null, 10)).filteredOn(l -> l.callSid().equals(failed.callSid())).singleElement()
                .extracting(CallLog::attestation).isEqualTo("failed");
    }

    @Test
    void openingTheSameCallTwiceKeepsTheFirst() {
        CallLog first = open(a, T0);
        CallLog again = CallLog.started(a, first.callSid(), "+33600000000", T0.plusSeconds(5), CallProtection.REJECTED);

        assertThat(logs.open(again)).isFalse();
        assertThat(logs.find(a, first.callSid())).contains(first);
    }

    @Test
    void theSameCallSidInTwoTenantsIsTwoCalls() {
        CallLog mine = open(a, T0);
        CallLog theirs = CallLog.started(b, mine.callSid(), "+33700000000", T0.plusSeconds(1), CallProtection.PROTECTED);

        assertThat(logs.open(theirs)).isTrue();
        assertThat(logs.find(a, mine.callSid())).contains(mine);
        assertThat(logs.find(b, mine.callSid())).contains(theirs);
    }

    @Test
    void theStateOnlyMovesForwardAndTheEndIsRecordedOnce() {
        CallLog log = open(a, T0);
        CallSid sid = log.callSid();

        assertThat(logs.updateState(a, sid, CallState.IN_PROGRESS, T0.plusSeconds(2))).isTrue();
        assertThat(logs.find(a, sid).orElseThrow().state()).isEqualTo(CallState.IN_PROGRESS);
        assertThat(logs.updateState(a, sid, CallState.RINGING, T0.plusSeconds(3))).isTrue();
        assertThat(logs.find(a, sid).orElseThrow().state()).isEqualTo(CallState.IN_PROGRESS);

        assertThat(logs.updateState(a, sid, CallState.ENDED, T0.plusSeconds(60))).isTrue();
        assertThat(logs.updateState(a, sid, CallState.ENDED, T0.plusSeconds(90))).isTrue();
        CallLog ended = logs.find(a, sid).orElseThrow();
        assertThat(ended.state()).isEqualTo(CallState.ENDED);
        assertThat(ended.endedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(logs.updateState(a, callSid(), CallState.ENDED, T0)).isFalse();
    }

    @Test
    void protectionCanChangeDuringTheCall() {
        CallLog log = open(a, T0);

        assertThat(logs.updateProtection(a, log.callSid(), CallProtection.UNPROTECTED_SPEECH_UNAVAILABLE)).isTrue();
        assertThat(logs.find(a, log.callSid()).orElseThrow().protection()).isEqualTo(CallProtection.UNPROTECTED_SPEECH_UNAVAILABLE);
        assertThat(logs.updateProtection(a, callSid(), CallProtection.PROTECTED)).isFalse();
    }

    @Test
    void finalSegmentsAreKeptInAppendOrderAndPartialsAreNot() {
        CallLog log = open(a, T0);
        TranscriptSegment s0 = seg(Speaker.CALLER, 0, "Bonjour, ici votre conseiller bancaire.");
        TranscriptSegment s1 = seg(Speaker.CALLEE, 0, "Bonjour ?");
        TranscriptSegment s2 = seg(Speaker.CALLER, 1, "Il me faut le code reçu par SMS.");

        logs.appendSegment(a, log.callSid(), s0);
        logs.appendSegment(a, log.callSid(), TranscriptSegment.partialText(Speaker.CALLEE, 0, "Bonj"));
        logs.appendSegment(a, log.callSid(), s1);
        logs.appendSegment(a, log.callSid(), s2);

        assertThat(logs.transcript(a, log.callSid())).containsExactly(s0, s1, s2);
    }

    @Test
    void segmentsOfAnUnknownCallAreIgnored() {
        CallSid unknown = callSid();
        logs.appendSegment(a, unknown, seg(Speaker.CALLER, 0, "hello"));

        assertThat(logs.transcript(a, unknown)).isEmpty();
        assertThat(logs.find(a, unknown)).isEmpty();
    }

    @Test
    void bothTracksAppendingAtOnceLoseNothingAndKeepEachTracksOrder() throws Exception {
        CallLog log = open(a, T0);
        int perTrack = 25;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Speaker speaker : Speaker.values()) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perTrack; i++) {
                        logs.appendSegment(a, log.callSid(), seg(speaker, i, speaker.wire() + " " + i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<TranscriptSegment> transcript = logs.transcript(a, log.callSid());
        assertThat(transcript).hasSize(2 * perTrack);
        for (Speaker speaker : Speaker.values()) {
            assertThat(transcript.stream().filter(s -> s.speaker() == speaker).map(TranscriptSegment::utteranceIndex))
                    .isSorted().hasSize(perTrack);
        }
    }

    @Test
    void aScamVerdictSetsFraudDetectedForGood() {
        CallLog log = open(a, T0);
        logs.recordVerdict(a, log.callSid(), new Verdict.Suspicious(0.4, ScamCategory.FAKE_BANK_ADVISER, List.of(), "bank"));
        CallLog suspicious = logs.find(a, log.callSid()).orElseThrow();
        assertThat(suspicious.fraudDetected()).isFalse();
        assertThat(suspicious.verdict()).isEqualTo("suspicious");
        assertThat(suspicious.score()).isEqualTo(0.4);
        assertThat(suspicious.category()).isEqualTo(ScamCategory.FAKE_BANK_ADVISER);

        logs.recordVerdict(a, log.callSid(), new Verdict.Scam(0.93, ScamCategory.FAKE_BANK_ADVISER, List.of(), "asks for the code"));
        logs.recordVerdict(a, log.callSid(), new Verdict.Clear(0.1, List.of(), ""));

        CallLog after = logs.find(a, log.callSid()).orElseThrow();
        assertThat(after.fraudDetected()).isTrue();
        assertThat(after.verdict()).isEqualTo("clear");
        assertThat(after.score()).isEqualTo(0.1);
        assertThat(after.category()).isEqualTo(ScamCategory.NONE);
    }

    @Test
    void theAiAnalysisIsStoredWhole() {
        CallLog log = open(a, T0);
        logs.recordAiAnalysis(a, log.callSid(), AI);

        assertThat(logs.find(a, log.callSid()).orElseThrow().ai()).contains(AI);
    }

    @Test
    void anotherTenantsCallBehavesAsAbsent() {
        CallLog theirs = open(b, T0);
        TranscriptSegment said = seg(Speaker.CALLER, 0, "secret words");
        logs.appendSegment(b, theirs.callSid(), said);
        CallSid sid = theirs.callSid();

        assertThat(logs.find(a, sid)).isEmpty();
        assertThat(logs.transcript(a, sid)).isEmpty();
        assertThat(logs.updateState(a, sid, CallState.ENDED, T0.plusSeconds(1))).isFalse();
        assertThat(logs.updateProtection(a, sid, CallProtection.REJECTED)).isFalse();
        logs.appendSegment(a, sid, seg(Speaker.CALLER, 1, "injected"));
        logs.recordVerdict(a, sid, new Verdict.Scam(1.0, ScamCategory.OTHER, List.of(), "x"));
        logs.recordAiAnalysis(a, sid, AI);
        assertThat(logs.purgeTranscripts(a, T0.plusSeconds(3600))).isZero();
        assertThat(logs.recent(a, null, 10)).isEmpty();

        assertThat(logs.find(b, sid)).contains(theirs);
        assertThat(logs.transcript(b, sid)).containsExactly(said);
    }

    @Test
    void recentListsNewestFirstBeforeTheGivenTimeUpToTheLimit() {
        CallLog c1 = open(a, T0);
        CallLog c3 = open(a, T0.plusSeconds(300));
        CallLog c2 = open(a, T0.plusSeconds(120));
        open(b, T0.plusSeconds(200));

        assertThat(logs.recent(a, null, 10)).containsExactly(c3, c2, c1);
        assertThat(logs.recent(a, T0.plusSeconds(300), 10)).containsExactly(c2, c1);
        assertThat(logs.recent(a, null, 2)).containsExactly(c3, c2);
        assertThat(logs.recent(a, T0, 10)).isEmpty();
    }

    @Test
    void purgingDeletesTheSegmentsOfCallsStartedBeforeTheCutoffOnly() {
        CallLog old = open(a, T0);
        CallLog recent = open(a, T0.plus(Duration.ofDays(10)));
        CallLog theirs = open(b, T0);
        for (int i = 0; i < 3; i++) {
            logs.appendSegment(a, old.callSid(), seg(Speaker.CALLER, i, "old " + i));
            logs.appendSegment(a, recent.callSid(), seg(Speaker.CALLER, i, "recent " + i));
            logs.appendSegment(b, theirs.callSid(), seg(Speaker.CALLER, i, "theirs " + i));
        }

        assertThat(logs.purgeTranscripts(a, T0.plus(Duration.ofDays(5)))).isEqualTo(3);

        assertThat(logs.transcript(a, old.callSid())).isEmpty();
        assertThat(logs.transcript(a, recent.callSid())).hasSize(3);
        assertThat(logs.transcript(b, theirs.callSid())).hasSize(3);
        assertThat(logs.find(a, old.callSid())).contains(old);
        assertThat(logs.purgeTranscripts(a, T0.plus(Duration.ofDays(5)))).isZero();
    }

    @Test
    void theMediaStreamOfALiveCallIsClaimedOnceAndNeverAfterTheCallEnded() {
        CallLog live = open(a, T0);
        assertThat(logs.claimMediaStream(b, live.callSid())).as("another tenant's call").isFalse();
        assertThat(logs.claimMediaStream(a, live.callSid())).isTrue();
        assertThat(logs.claimMediaStream(a, live.callSid())).isFalse();
        assertThat(logs.claimMediaStream(a, callSid())).as("unknown call").isFalse();

        CallLog over = open(a, T0);
        logs.updateState(a, over.callSid(), CallState.ENDED, T0.plusSeconds(5));
        assertThat(logs.claimMediaStream(a, over.callSid())).isFalse();
    }

    @Test
    void aLaterStreamGenerationIsClaimedOnceAndShutsEveryEarlierOneOut() {
        CallLog live = open(a, T0);
        assertThat(logs.claimMediaStream(a, live.callSid(), 0)).isTrue();
        assertThat(logs.claimMediaStream(a, live.callSid(), 1)).as("the call streamed again").isTrue();
        assertThat(logs.claimMediaStream(a, live.callSid(), 1)).as("the same generation twice").isFalse();
        assertThat(logs.claimMediaStream(b, live.callSid(), 2)).as("another tenant's call").isFalse();
        assertThat(logs.claimMediaStream(a, live.callSid(), 3)).isTrue();
        assertThat(logs.claimMediaStream(a, live.callSid(), 2)).as("an earlier generation after a later one").isFalse();
        assertThat(logs.claimMediaStream(a, live.callSid(), 0)).isFalse();

        CallLog fresh = open(a, T0);
        assertThat(logs.claimMediaStream(a, fresh.callSid(), 1)).as("a first stream lost with its node").isTrue();
        assertThat(logs.claimMediaStream(a, fresh.callSid(), 0)).as("its first token, after").isFalse();

        CallLog over = open(a, T0);
        logs.updateState(a, over.callSid(), CallState.ENDED, T0.plusSeconds(5));
        assertThat(logs.claimMediaStream(a, over.callSid(), 1)).isFalse();
    }

    @Test
    void concurrentClaimsOfOneCallHaveOneWinner() throws Exception {
        CallLog live = open(a, T0);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                claims.add(pool.submit(() -> {
                    go.await(5, TimeUnit.SECONDS);
                    return logs.claimMediaStream(a, live.callSid());
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : claims) {
                won += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFirstRingResultIsKeptAndTheLegIsRemembered() {
        CallLog call = open(a, T0);
        assertThat(logs.find(a, call.callSid()).orElseThrow().ring()).isEmpty();
        CallSid leg = callSid();
        assertThat(logs.recordRingLeg(a, call.callSid(), leg)).isTrue();
        assertThat(logs.recordRingLeg(a, call.callSid(), callSid())).as("first leg wins").isTrue();
        assertThat(logs.recordRingResult(a, call.callSid(), RingResult.NO_ANSWER)).isTrue();
        assertThat(logs.recordRingResult(a, call.callSid(), RingResult.NO_ANSWER)).as("a retried callback").isFalse();
        assertThat(logs.recordRingResult(a, call.callSid(), RingResult.ANSWERED)).isFalse();
        assertThat(logs.recordRingResult(b, call.callSid(), RingResult.BUSY)).as("another tenant").isFalse();
        assertThat(logs.recordRingLeg(b, call.callSid(), leg)).isFalse();

        CallLog found = logs.find(a, call.callSid()).orElseThrow();
        assertThat(found.ring()).contains(RingResult.NO_ANSWER);
        assertThat(found.protectedLeg()).contains(leg);
        // later updates keep them
        logs.updateState(a, call.callSid(), CallState.ENDED, T0.plusSeconds(40));
        logs.recordVerdict(a, call.callSid(), new Verdict.Clear(0.1, List.of(), ""));
        assertThat(logs.find(a, call.callSid()).orElseThrow().ring()).contains(RingResult.NO_ANSWER);
        assertThat(logs.recent(a, null, 5)).anySatisfy(l -> assertThat(l.ring()).contains(RingResult.NO_ANSWER));
    }
}
