package com.ethiq.app.calls.media;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the media WebSocket endpoint.
 *
 * @param startTimeout       a valid {@code start} must arrive within this time of the upgrade
 * @param idleTimeout        a silent socket is closed after this
 * @param maxMessageBytes    largest message (frame or reassembled fragments) accepted
 * @param maxSockets         sockets open at once on this node
 * @param batchFrames        frames of one track gathered before audio is handed to the recogniser
 * @param maxFramesPerSecond media frames per second per socket tolerated (bursts of twice that within a second)
 * @param frameReader        what reads the frames of an upgraded media socket
 */
public record MediaSettings(Duration startTimeout, Duration idleTimeout, int maxMessageBytes, int maxSockets,
                            int batchFrames, int maxFramesPerSecond, FrameReader frameReader) {
    /** One 20 ms mu-law frame. */
    public static final int FRAME_BYTES = 160;

    public MediaSettings {
        Objects.requireNonNull(startTimeout, "'startTimeout' must not be null");
        Objects.requireNonNull(idleTimeout, "'idleTimeout' must not be null");
        Objects.requireNonNull(frameReader, "'frameReader' must not be null");
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("'maxMessageBytes' must be >= 1024, got " + maxMessageBytes);
        }
        if (maxSockets < 1 || batchFrames < 1 || maxFramesPerSecond < 1) {
            throw new IllegalArgumentException("'maxSockets', 'batchFrames' and 'maxFramesPerSecond' must be >= 1");
        }
    }

    public static MediaSettings defaults() {
        return new MediaSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), 16384, 5000, 5, 150, FrameReader.JETTY);
    }

    /** What reads the frames of a media socket once Jetty has upgraded it (the handshake is Jetty's either way). */
    public enum FrameReader {
        /**
         * {@link MediaFrameReader} in a {@link LeanWebSocketConnection}: no allocation nor lock per frame, no pooled
         * buffer per wake-up. Opt-in: in the lead's sitting of 2026-12-07 one durable-store run of seven with it closed
         * 5 of 400 sockets at {@code start_timeout} with the generator on time, which no run of Jetty's reader has
         * done; not reproduced since ({@code MediaStartStormTest}) nor explained, so it is not the default
         * (docs/performance.md, "session 7" and "session 8").
         */
        LEAN,
        /** Jetty's own parser and session ({@link DirectWebSocketConnection}): the default, and the reference. */
        JETTY
    }
}
