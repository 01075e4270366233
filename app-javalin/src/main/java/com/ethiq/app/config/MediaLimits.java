package com.ethiq.app.config;

import com.ethiq.app.calls.media.MediaSettings;
import com.ethiq.app.calls.media.SourceAdmission;
import java.util.Map;
import java.util.Set;

/** Reads the media endpoint's {@link MediaSettings} (the media edge's own record) from the catalogue. */
public final class MediaLimits {
    private MediaLimits() {
    }

    public static MediaSettings from(Map<String, String> env) {
        return new MediaSettings(Settings.MEDIA_START_TIMEOUT.read(env), Settings.MEDIA_IDLE_TIMEOUT.read(env),
                Settings.MEDIA_MAX_MESSAGE_BYTES.read(env), Settings.MEDIA_MAX_SOCKETS.read(env),
                Settings.MEDIA_BATCH_FRAMES.read(env), Settings.MEDIA_MAX_FRAMES_PER_SECOND.read(env),
                Settings.MEDIA_FRAME_READER.read(env));
    }

    /** What one source address may hold before any signature vouches for it. */
    public static SourceAdmission.Limits sources(Map<String, String> env) {
        return new SourceAdmission.Limits(Settings.MEDIA_UPGRADES_PER_SOURCE.read(env),
                Settings.MEDIA_WAITING_PER_SOURCE.read(env), Settings.MEDIA_WAITING_MAX.read(env));
    }

    /** The load balancers whose {@code X-Forwarded-For} is believed. */
    public static Set<String> trustedProxies(Map<String, String> env) {
        return Settings.TRUSTED_PROXIES.read(env);
    }
}
