package com.ethiq.core.detection;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.List;

/** Short calls replayed through the default packs, for the tests of one family of rules. */
final class PackReplays {

    static final DetectionEngine ENGINE = DetectionEngine.withDefaultPacks();

    private PackReplays() {
    }

    /** A one-sided recording: every sentence a caller turn. */
    static CallReplay.Result recorded(Language language, String... sentences) {
        List<CallTranscript.Turn> turns = new ArrayList<>();
        for (String s : sentences) {
            turns.add(new CallTranscript.Turn(Speaker.CALLER, s));
        }
        return replay(language, turns);
    }

    /** Caller and callee alternate, the caller first. */
    static CallReplay.Result dialogue(Language language, String... texts) {
        List<CallTranscript.Turn> turns = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            turns.add(new CallTranscript.Turn(i % 2 == 0 ? Speaker.CALLER : Speaker.CALLEE, texts[i]));
        }
        return replay(language, turns);
    }

    private static CallReplay.Result replay(Language language, List<CallTranscript.Turn> turns) {
        return CallReplay.replay(ENGINE, new CallTranscript("t", language, "scam", "x", 0, turns), DetectionThresholds.DEFAULT);
    }
}
