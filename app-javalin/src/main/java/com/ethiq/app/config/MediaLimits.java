package com.ethiq.app.config;

import com.ethiq.app.calls.media.MediaSettings;
import java.util.Map;

/** Reads the media endpoint's {@link MediaSettings} (the media edge's own record) from the catalogue. */
public final class MediaLimits {
    private MediaLimits() {
    }

    public static MediaSettings from(Map<String, String> env) {
        return new MediaSettings(Settings.MEDIA_START_TIMEOUT.read(env), Settings.MEDIA_IDLE_TIMEOUT.read(env),
                Settings.MEDIA_MAX_MESSAGE_BYTES.read(env), Settings.MEDIA_MAX_SOCKETS.read(env),
                Settings.MEDIA_BATCH_FRAMES.read(env), Settings.MEDIA_MAX_FRAMES_PER_SECOND.read(env));
    }
}
