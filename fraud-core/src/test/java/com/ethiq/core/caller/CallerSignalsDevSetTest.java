package com.ethiq.core.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ethiq.core.detection.CallTranscript;
import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.detection.DetectionSession;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.detection.support.EvalData;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caller signals over the French development set (skipped when the shared set is absent): calls replayed turn by
 * turn through the rules and then {@link CallerSignals}, as {@code CallSession} does, from a trusted caller, a
 * stranger and a number reported by enough accounts.
 */
class CallerSignalsDevSetTest {
    private static final DetectionEngine ENGINE = DetectionEngine.withDefaultPacks();
    private static final CallerSignals SIGNALS = CallerSignals.defaults();
    private static final String NUMBER = "+33612345678";
    private static List<CallTranscript> calls;

    @BeforeAll
    static void load() {
        Optional<Path> file = EvalData.evalFile("fr-dev/calls-fr-dev.jsonl");
        calls = file.map(EvalData::readJsonl).orElse(List.of());
    }

    private static CallerContext caller(CallerTrust trust, Reputation reputation) {
        return new CallerContext(CallerScreening.parse(NUMBER), trust, Attestation.ABSENT, reputation);
    }

    /** The 0-based turn after which the call was judged a scam, or -1. */
    static int firstAlertTurn(CallTranscript call, CallerContext caller) {
        DetectionThresholds thresholds = caller.thresholds(DetectionThresholds.DEFAULT, SIGNALS.policy());
        DetectionSession session = ENGINE.newSession(call.language(), thresholds, List.of());
        StringBuilder words = new StringBuilder();
        int[] utterance = new int[2];
        for (int i = 0; i < call.turns().size(); i++) {
            CallTranscript.Turn t = call.turns().get(i);
            Verdict rules = session.onSegment(TranscriptSegment.finalText(t.speaker(), utterance[t.speaker().ordinal()]++, t.text()));
            if (t.speaker() == Speaker.CALLER) {
                words.append(t.text()).append(' ');
            }
            if (SIGNALS.apply(rules, caller, words.toString(), thresholds).verdict().isScam()) {
                return i;
            }
        }
        return -1;
    }

    private static long falseAlarms(CallerContext caller) {
        return calls.stream().filter(c -> !c.isScam()).filter(c -> firstAlertTurn(c, caller) >= 0).count();
    }

    @Test
    void callsFromEmergencyContactsAndKnownCallersGiveNoFalseAlarmOnTheLegitimateCalls() {
        assumeTrue(!calls.isEmpty(), "shared fr-dev set absent");
        long legit = calls.stream().filter(c -> !c.isScam()).count();

        long fromContact = falseAlarms(caller(new CallerTrust.Trusted(CallerTrust.Source.EMERGENCY_CONTACT, "Sophie"), Reputation.NONE));
        long fromKnown = falseAlarms(caller(new CallerTrust.Trusted(CallerTrust.Source.KNOWN_CALLER, "Dr Martin"), Reputation.NONE));
        long fromStranger = falseAlarms(caller(CallerTrust.STRANGER, Reputation.NONE));
        System.out.printf("fr-dev legit calls (%d): false alarms from an emergency contact %d, a known caller %d, a stranger"
                + " (claim check on) %d%n", legit, fromContact, fromKnown, fromStranger);

        assertThat(legit).isEqualTo(40);
        assertThat(fromContact).isZero();
        assertThat(fromKnown).isZero();
        assertThat(fromStranger).isZero();
    }

    @Test
    void aReportedNumberIsAlertedEarlierAndTrustedCallersStillGetMostScamsCaught() {
        assumeTrue(!calls.isEmpty(), "shared fr-dev set absent");
        List<CallTranscript> scams = calls.stream().filter(CallTranscript::isScam).toList();
        CallerContext stranger = caller(CallerTrust.STRANGER, Reputation.NONE);
        CallerContext reported = caller(CallerTrust.STRANGER, new Reputation(3, Set.of(ScamCategory.FAKE_BANK_ADVISER)));
        CallerContext trusted = caller(new CallerTrust.Trusted(CallerTrust.Source.KNOWN_CALLER, ""), Reputation.NONE);
        int saved = 0;
        int caughtStranger = 0;
        int caughtReported = 0;
        int caughtTrusted = 0;
        for (CallTranscript c : scams) {
            int s = firstAlertTurn(c, stranger);
            int r = firstAlertTurn(c, reported);
            caughtStranger += s >= 0 ? 1 : 0;
            caughtReported += r >= 0 ? 1 : 0;
            caughtTrusted += firstAlertTurn(c, trusted) >= 0 ? 1 : 0;
            if (s >= 0 && r >= 0) {
                assertThat(r).as(c.id()).isLessThanOrEqualTo(s);
                saved += s - r;
            }
        }
        long reportedLegit = falseAlarms(reported);
        System.out.printf("fr-dev scams (%d): caught from a stranger %d, from a reported number %d (%d turns saved on the"
                + " calls both caught), from a trusted number %d; legitimate calls alerted from a reported number %d%n",
                scams.size(), caughtStranger, caughtReported, saved, caughtTrusted, reportedLegit);

        assertThat(caughtReported).isGreaterThanOrEqualTo(caughtStranger);
        assertThat(saved).isPositive();
        // Trusting a number costs little: a scam from a listed number (a spoofed relative) is still mostly caught.
        assertThat(caughtTrusted).isGreaterThanOrEqualTo(caughtStranger - 4);
    }
}
