package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QualityReport's arithmetic and CallReplay's bookkeeping, on a handful of calls with known outcomes. */
class QualityReportTest {

    private static final DetectionEngine ENGINE = DetectionEngine.withDefaultPacks();

    private static CallTranscript call(String id, String label, Integer fft, String... texts) {
        List<CallTranscript.Turn> turns = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            turns.add(new CallTranscript.Turn(i % 2 == 0 ? Speaker.CALLER : Speaker.CALLEE, texts[i]));
        }
        return new CallTranscript(id, Language.FRENCH, label, null, fft, turns);
    }

    private static final CallTranscript SCAM = call("s", "scam", 0,
            "bonjour ici le service anti-fraude de votre banque", "oui",
            "vous allez recevoir un code par sms lisez-moi les six chiffres", "quatre huit deux neuf un sept");
    private static final CallTranscript LEGIT = call("l", "legit", null,
            "bonjour c'est la pharmacie votre commande est arrivée", "merci je passe demain");

    private static CallReplay.Result result(CallTranscript c, Integer firstAlert) {
        Verdict v = Verdict.Clear.empty();
        return new CallReplay.Result(c, v, v, firstAlert);
    }

    @Test
    void countsAndRates() {
        QualityReport r = new QualityReport();
        assertThat(r.precision()).isNaN();
        assertThat(r.recall()).isNaN();
        assertThat(r.falsePositiveRate()).isNaN();
        assertThat(r.medianEarliness()).isNaN();
        assertThat(r.summary()).contains("precision=n/a");
        r.add(result(SCAM, 2));   // tp, earliness +2
        r.add(result(SCAM, 0));   // tp, earliness 0
        r.add(result(SCAM, null)); // fn
        r.add(result(LEGIT, 1));  // fp
        r.add(result(LEGIT, null)); // tn
        r.add(result(LEGIT, null)); // tn
        r.add(result(call("u", null, null, "bonjour"), 0)); // unlabelled: ignored
        assertThat(r.labelled()).isEqualTo(6);
        assertThat(r.truePositives()).isEqualTo(2);
        assertThat(r.falseNegatives()).isEqualTo(1);
        assertThat(r.falsePositives()).isEqualTo(1);
        assertThat(r.trueNegatives()).isEqualTo(2);
        assertThat(r.precision()).isEqualTo(2 / 3.0);
        assertThat(r.recall()).isEqualTo(2 / 3.0);
        assertThat(r.falsePositiveRate()).isEqualTo(1 / 3.0);
        assertThat(r.medianEarliness()).isEqualTo(1.0);
        r.add(result(SCAM, 5));
        assertThat(r.medianEarliness()).isEqualTo(2.0);
        assertThat(r.summary()).contains("calls=7 scam=4 legit=3 tp=3 fp=1 tn=2 fn=1", "recall=0.750",
                "fpr=0.333", "median_earliness=2.000");
    }

    @Test
    void replayFindsTheFirstAlertTurnAndThePeak() {
        CallReplay.Result s = CallReplay.replay(ENGINE, SCAM, DetectionThresholds.DEFAULT);
        assertThat(s.alerted()).isTrue();
        assertThat(s.firstAlertTurn()).isEqualTo(2);
        assertThat(s.peak().isScam()).isTrue();
        assertThat(s.peak().score()).isGreaterThanOrEqualTo(s.last().score() - 1e-9);
        assertThat(s.call()).isSameAs(SCAM);
        CallReplay.Result l = CallReplay.replay(ENGINE, LEGIT, DetectionThresholds.DEFAULT);
        assertThat(l.alerted()).isFalse();
        assertThat(l.firstAlertTurn()).isNull();
        assertThat(l.peak().label()).isEqualTo("clear");
    }

    @Test
    void noisyReplayCarriesTheNoisyTurnsAndStillAlertsOnAPlainScam() {
        RecogniserNoise noise = RecogniserNoise.forCalls(Language.FRENCH, 0.0, 1, List.of(SCAM, LEGIT));
        CallReplay.Result s = CallReplay.replay(ENGINE, SCAM, DetectionThresholds.DEFAULT, noise);
        assertThat(s.alerted()).isTrue();
        assertThat(s.firstAlertTurn()).isEqualTo(2);
        assertThat(s.call()).isNotSameAs(SCAM);
        assertThat(s.call().id()).isEqualTo("s");
        assertThat(s.call().turns()).hasSize(4);
        assertThat(s.call().turns().get(0).text()).isEqualTo("bonjour ici le service anti fraude de votre banque");
        assertThat(s.call().turns().get(1).speaker()).isEqualTo(Speaker.CALLEE);
    }
}
