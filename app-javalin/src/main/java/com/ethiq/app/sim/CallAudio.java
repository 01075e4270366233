package com.ethiq.app.sim;

import com.ethiq.core.audio.MuLaw;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two tracks of one simulated call carry, 20 ms at a time. {@link CallSimulator.Audio#SPEECH}: the speaking
 * side's line as speech ({@link SpeechClips}) over line noise, the other side line noise only (-58 dBFS, as a real
 * line: never digital silence); a line without a clip (no espeak-ng/sox for a user script) is a tone over the noise.
 * {@link CallSimulator.Audio#TONE}: the speaking side a quiet 400 Hz tone for as long as the recogniser needs, the
 * other side digital silence (the simulator before real speech). Used by one thread at a time.
 */
final class CallAudio {
    static final int FRAME = CallSimulator.FRAME_BYTES;
    /** Line noise: -58 dBFS RMS, Gaussian. */
    static final double NOISE_RMS = 32768 * Math.pow(10, -58 / 20.0);
    private static final Logger log = LoggerFactory.getLogger(CallAudio.class);
    /** Lines already reported as played with a tone (logged once per line per JVM). */
    private static final Set<String> TONE_LOGGED = ConcurrentHashMap.newKeySet();
    private static final byte[] TONE = new byte[FRAME];

    static {
        for (int i = 0; i < FRAME; i++) {
            TONE[i] = MuLaw.encode((short) (2000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
        }
    }

    private final CallSimulator.Audio mode;
    private final SpeechClips clips;
    private final String language;
    private final Random random;
    private byte[] line;
    private String track = "";
    private int at;

    CallAudio(CallSimulator.Audio mode, SpeechClips clips, String language, long seed) {
        this.mode = Objects.requireNonNull(mode, "'mode' must not be null");
        this.clips = clips;
        this.language = language;
        this.random = new Random(seed);
    }

    /**
     * The sound of this turn: its speech, or a tone of {@code neededMs} (the recogniser's need). May synthesise (a few
     * hundred ms): call it outside any lock; thread-safe.
     */
    byte[] soundOf(CallScript.Turn turn, long neededMs) {
        byte[] speech = mode == CallSimulator.Audio.SPEECH ? clips.clip(language, turn.track(), turn.text()).orElse(null) : null;
        if (speech == null) {
            if (mode == CallSimulator.Audio.SPEECH && TONE_LOGGED.add(turn.text())) {
                log.warn("no speech for a line of the {} track, {} words (not a bundled line, and espeak-ng or sox is not on the PATH): "
                        + "a tone stands in for it", turn.track(), turn.words());
            }
            speech = tone(Math.max(neededMs, FRAME / 8));
        }
        return speech;
    }

    /** Starts saying {@code sound} on {@code track}; returns how long it lasts, in ms. */
    long start(String track, byte[] sound) {
        line = sound;
        this.track = track;
        at = 0;
        return sound.length / 8L;
    }

    boolean speaking() {
        return line != null;
    }

    /** Writes the next 20 ms of both tracks; true when the current line ended with this frame. */
    boolean next(byte[] inbound, byte[] outbound) {
        background(inbound);
        background(outbound);
        if (line == null) {
            return false;
        }
        byte[] target = track.equals("inbound") ? inbound : outbound;
        int n = Math.min(FRAME, line.length - at);
        for (int i = 0; i < n; i++) {
            target[i] = mode == CallSimulator.Audio.SPEECH ? mix(line[at + i], target[i]) : line[at + i];
        }
        at += n;
        if (at >= line.length) {
            line = null;
            return true;
        }
        return false;
    }

    private void background(byte[] frame) {
        if (mode == CallSimulator.Audio.TONE) {
            java.util.Arrays.fill(frame, (byte) 0xFF);
            return;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = MuLaw.encode((short) Math.round(random.nextGaussian() * NOISE_RMS));
        }
    }

    private static byte mix(byte speech, byte noise) {
        int sum = MuLaw.decode(speech) + MuLaw.decode(noise);
        return MuLaw.encode((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum)));
    }

    private static byte[] tone(long millis) {
        byte[] out = new byte[(int) (millis * 8)];
        for (int i = 0; i < out.length; i++) {
            out[i] = TONE[i % FRAME];
        }
        return out;
    }
}
