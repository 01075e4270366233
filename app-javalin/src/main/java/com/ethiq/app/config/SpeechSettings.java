package com.ethiq.app.config;

import java.util.Map;
import java.util.Objects;

/** Speech recognition: Google Speech-to-Text (its own settings are the adapter's defaults) or the scripted fake. */
public record SpeechSettings(VendorMode mode) {
    public SpeechSettings {
        Objects.requireNonNull(mode, "'mode' must not be null");
    }

    public static SpeechSettings from(Map<String, String> env) {
        return new SpeechSettings(Settings.SPEECH.read(env));
    }
}
