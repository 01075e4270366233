package com.ethiq.app.config;

import com.ethiq.core.audio.SpeechGate;
import java.util.Map;
import java.util.Objects;

/**
 * Speech recognition: Google Speech-to-Text (its own settings are the adapter's defaults) or the scripted fake, and
 * the speech gate in front of it (the core's; on unless turned off for this node).
 */
public record SpeechSettings(VendorMode mode, SpeechGate.Settings gate) {
    public SpeechSettings {
        Objects.requireNonNull(mode, "'mode' must not be null");
        Objects.requireNonNull(gate, "'gate' must not be null");
    }

    public static SpeechSettings from(Map<String, String> env) {
        return new SpeechSettings(Settings.SPEECH.read(env),
                Settings.SPEECH_GATE.read(env) ? SpeechGate.Settings.DEFAULT : SpeechGate.Settings.OFF);
    }
}
