package com.ethiq.core.audio;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Voice-activity gate of one call track: passes the recogniser only the audio where someone speaks, so speech
 * recognition (the service's largest running cost, billed per second of audio sent) is not paid for silence.
 *
 * <p>The decision is energy against an adaptive noise floor, per chunk (the media edge sends 100 ms chunks; any
 * length works, time is counted in bytes at 8 kHz):
 * <ul>
 *   <li>level = 10·log10(mean square of the linear samples + 1), in dB over one 16-bit step (full-scale sine ≈ 87 dB,
 *       telephone speech ≈ 55-75 dB, line noise ≈ 25-45 dB, digital silence 0 dB);</li>
 *   <li>the noise floor follows the quietest 20 ms frame: it falls to a quieter frame fast (time constant 200 ms)
 *       and rises at 6 dB/s towards the quietest frame of the last one to two seconds, whether or not someone speaks
 *       (speech has short gaps between syllables and words, steady noise has none, so a noise that steps up is
 *       learnt within seconds while a long sentence does not lift the floor); it is bounded to
 *       [{@value #FLOOR_MIN_DB}, {@value #FLOOR_MAX_DB}] dB: the upper bound keeps a loud steady voice (or the
 *       simulator's tone) speech however long it lasts, and louder steady noise is then sent too (it costs money,
 *       it never misses a word);</li>
 *   <li>onset when the level is {@value #ONSET_DB} dB over the floor, speech continues while it stays
 *       {@value #OFFSET_DB} dB over it (hysteresis), and never below {@value #MIN_SPEECH_DB} dB (≈ -50 dBFS);</li>
 *   <li>pre-roll: the last {@code preRoll} of held-back audio is replayed on onset, so a soft first syllable that
 *       came before the energy rose is not clipped; hang-over: {@code hangOver} of audio is still sent after speech
 *       stops, so trailing consonants and short pauses inside a sentence go through; a burst is at least 1.2 s.</li>
 * </ul>
 * During a long silence nothing is sent: the recogniser's adapter ends its stream on its own and opens one when audio
 * comes back. Allocation-free: held-back chunks are kept by reference (the media edge never writes a delivered array
 * again) in a fixed ring. Used by one thread at a time (the track's audio thread); not thread-safe.
 */
public final class SpeechGate {
    static final double ONSET_DB = 12;
    static final double OFFSET_DB = 6;
    static final double MIN_SPEECH_DB = 40;
    static final double FLOOR_MIN_DB = 20;
    static final double FLOOR_MAX_DB = 48;
    private static final double FALL_TAU_SECONDS = 0.2;
    private static final double RISE_DB_PER_SECOND = 6;
    private static final int BYTES_PER_SECOND = 8000;
    /** 20 ms at 8 kHz: the frame whose quietest instance tracks the noise. */
    private static final int FRAME = 160;
    private static final int RING_SLOTS = 64;
    /**
     * Every burst sends at least this much (pre-roll included): the speech adapter takes a stream that the vendor
     * ends for lack of audio, with under 1 s sent and no result, for a failing one (and backs off); a lone click must
     * not look like that.
     */
    static final long MIN_BURST_BYTES = 1_200L * BYTES_PER_SECOND / 1000;

    /** Whether the gate runs, and how much audio it keeps around speech. */
    public record Settings(boolean enabled, Duration preRoll, Duration hangOver) {
        /** On, 300 ms of pre-roll, 500 ms of hang-over. */
        public static final Settings DEFAULT = new Settings(true, Duration.ofMillis(300), Duration.ofMillis(500));
        /** Everything is sent (the behaviour before the gate). */
        public static final Settings OFF = new Settings(false, Duration.ZERO, Duration.ZERO);

        public Settings {
            Objects.requireNonNull(preRoll, "'preRoll' must not be null");
            Objects.requireNonNull(hangOver, "'hangOver' must not be null");
            if (preRoll.isNegative() || preRoll.toMillis() > 2000) {
                throw new IllegalArgumentException("'preRoll' must be 0 to 2000 ms, got " + preRoll.toMillis() + " ms");
            }
            if (hangOver.isNegative() || hangOver.toMillis() > 5000) {
                throw new IllegalArgumentException("'hangOver' must be 0 to 5000 ms, got " + hangOver.toMillis() + " ms");
            }
        }
    }

    private final boolean enabled;
    private final long preRollBytes;
    private final long hangOverBytes;
    private final Consumer<byte[]> sink;
    private final byte[][] ring = new byte[RING_SLOTS][];
    private int ringHead;
    private int ringCount;
    private long ringBytes;
    private boolean open;
    private long hangLeft;
    private long burstBytes;
    private double floorDb = FLOOR_MAX_DB; // starts high: the first quiet chunks pull it down at once
    /** Quietest frame level of the current block of about a second, and of the one before. */
    private double blockMinDb = Double.MAX_VALUE;
    private double previousBlockMinDb = Double.MAX_VALUE;
    private long blockBytes;
    private long offeredBytes;
    private long passedBytes;
    private int onsets;

    /** {@code sink} receives the chunks to recognise, in order (typically the track's recognition stream). */
    public SpeechGate(Settings settings, Consumer<byte[]> sink) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        this.sink = Objects.requireNonNull(sink, "'sink' must not be null");
        this.enabled = settings.enabled();
        this.preRollBytes = settings.preRoll().toMillis() * BYTES_PER_SECOND / 1000;
        this.hangOverBytes = settings.hangOver().toMillis() * BYTES_PER_SECOND / 1000;
    }

    /** One chunk of 8 kHz mu-law audio; the gate may keep the array (it is never written again by the caller). */
    public void accept(byte[] mulaw) {
        int length = mulaw.length;
        if (length == 0) {
            return;
        }
        offeredBytes += length;
        if (!enabled) {
            pass(mulaw);
            return;
        }
        long energy = 0;
        double quietest = Double.MAX_VALUE; // mean square of the quietest whole frame (or of the chunk, if shorter)
        for (int at = 0; at < length; at += FRAME) {
            int n = Math.min(FRAME, length - at);
            long e = MuLaw.energy(mulaw, at, n);
            energy += e;
            if (n == FRAME || at == 0) {
                quietest = Math.min(quietest, (double) e / n);
            }
        }
        double level = 10 * Math.log10((double) energy / length + 1);
        boolean speech = level >= Math.max(floorDb + (open ? OFFSET_DB : ONSET_DB), MIN_SPEECH_DB);
        adaptFloor(10 * Math.log10(quietest + 1), length);
        if (speech) {
            if (!open) {
                open = true;
                onsets++;
                burstBytes = 0;
                replayPreRoll();
            }
            hangLeft = hangOverBytes;
            pass(mulaw);
        } else if (open && (hangLeft > 0 || burstBytes < MIN_BURST_BYTES)) {
            hangLeft -= length;
            pass(mulaw);
            open = hangLeft > 0 || burstBytes < MIN_BURST_BYTES;
        } else {
            open = false;
            hold(mulaw);
        }
    }

    /** True while the gate is sending (speech or its hang-over). */
    public boolean isOpen() {
        return !enabled || open;
    }

    public long offeredBytes() {
        return offeredBytes;
    }

    /** Audio sent to the recogniser: what it bills. */
    public long passedBytes() {
        return passedBytes;
    }

    /** Speech onsets so far (each one replays the pre-roll). */
    public int onsets() {
        return onsets;
    }

    /** The current noise floor, dB over one 16-bit step. */
    public double noiseFloorDb() {
        return floorDb;
    }

    private void adaptFloor(double quietestDb, int length) {
        double seconds = (double) length / BYTES_PER_SECOND;
        blockMinDb = Math.min(blockMinDb, quietestDb);
        blockBytes += length;
        double recentMin = Math.min(blockMinDb, previousBlockMinDb);
        if (blockBytes >= BYTES_PER_SECOND) {
            previousBlockMinDb = blockMinDb;
            blockMinDb = Double.MAX_VALUE;
            blockBytes = 0;
        }
        if (quietestDb < floorDb) {
            floorDb += (quietestDb - floorDb) * Math.min(1, seconds / FALL_TAU_SECONDS);
        } else if (recentMin > floorDb) {
            floorDb += Math.min(recentMin - floorDb, RISE_DB_PER_SECOND * seconds);
        }
        floorDb = Math.max(FLOOR_MIN_DB, Math.min(FLOOR_MAX_DB, floorDb));
    }

    private void pass(byte[] chunk) {
        passedBytes += chunk.length;
        burstBytes += chunk.length;
        sink.accept(chunk);
    }

    /** Keeps the shortest run of newest chunks that covers the pre-roll. */
    private void hold(byte[] chunk) {
        if (preRollBytes == 0) {
            return;
        }
        if (ringCount == RING_SLOTS) {
            dropOldest();
        }
        ring[(ringHead + ringCount) % RING_SLOTS] = chunk;
        ringCount++;
        ringBytes += chunk.length;
        while (ringCount > 1 && ringBytes - ring[ringHead].length >= preRollBytes) {
            dropOldest();
        }
    }

    private void dropOldest() {
        ringBytes -= ring[ringHead].length;
        ring[ringHead] = null;
        ringHead = (ringHead + 1) % RING_SLOTS;
        ringCount--;
    }

    private void replayPreRoll() {
        while (ringCount > 0) {
            byte[] chunk = ring[ringHead];
            dropOldest();
            pass(chunk);
        }
    }
}
