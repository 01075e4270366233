package com.ethiq.app.config;

import com.ethiq.core.domain.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Local runs: the embedded default's data folder ({@code ./ethiq serve}) and the simulator's auth token. */
public record LocalRunSettings(Path dataDir, Optional<Secret> simulatorAuthToken) {
    public LocalRunSettings {
        Objects.requireNonNull(dataDir, "'dataDir' must not be null");
        Objects.requireNonNull(simulatorAuthToken, "'simulatorAuthToken' must not be null");
    }

    /** Reads only these two variables: the simulator CLI must not fail on a node's other settings. */
    public static LocalRunSettings from(Map<String, String> env) {
        return new LocalRunSettings(Settings.DATA_DIR.read(env), Settings.SIM_AUTH_TOKEN.read(env));
    }
}
