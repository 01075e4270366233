package com.ethiq.core.audio;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Voice-activity gate of one call track: passes the recogniser only the audio where someone speaks, so speech
 * recognition (the service's largest running cost, billed per second of audio sent) is not paid for silence.
 *
 * <p>The decision is energy against an adaptive noise floor, per 20 ms frame (160 bytes at 8 kHz; the media edge
 * sends 100 ms chunks, any length works, frames are counted from the start of each chunk):
 * <ul>
 *   <li>level = 10·log10(mean square of the linear samples + 1), in dB over one 16-bit step (full-scale sine ≈ 87 dB,
 *       telephone speech ≈ 55-75 dB, line noise ≈ 25-45 dB, digital silence 0 dB);</li>
 *   <li>the noise floor follows the quietest frame: it falls to a quieter frame fast (time constant 200 ms)
 *       and rises at 6 dB/s towards the quietest frame of the last one to two seconds, whether or not someone speaks
 *       (speech has short gaps between syllables and words, steady noise has none, so a noise that steps up is
 *       learnt within seconds while a long sentence does not lift the floor); it is bounded to
 *       [{@value #FLOOR_MIN_DB}, {@value #FLOOR_MAX_DB}] dB: the upper bound keeps a loud steady voice (or the
 *       simulator's tone) speech however long it lasts, and louder steady noise is then sent too (it costs money,
 *       it never misses a word);</li>
 *   <li>onset when a frame is {@value #ONSET_DB} dB over the floor, speech continues while frames stay
 *       {@value #OFFSET_DB} dB over it (hysteresis), and never below {@value #MIN_SPEECH_DB} dB (≈ -50 dBFS);</li>
 *   <li><b>adaptive pre-roll</b> (at most {@code preRoll}, default 200 ms): the energy rises with the first vowel; an
 *       unvoiced consonant onset before it ("s", "f", "ch", a plosive's burst) is 20-30 dB quieter and lasts
 *       50-150 ms, under the onset threshold, yet the recogniser needs it to tell "pas" from "as". So the gate opens on
 *       the first voiced frame and then walks back through the held-back frames while they stay over a low threshold,
 *       Rabiner and Sambur's double-threshold endpoint method (1975): {@value #WEAK_DB} dB over the noise floor, or
 *       {@value #FRICATIVE_DB} dB over it with {@value #FRICATIVE_CROSSINGS} zero crossings a frame more than the line
 *       noise's mean (quiet, noise-like and high-pitched: a fricative). It sends from that frame less a guard of
 *       {@value #GUARD_BYTES} bytes (40 ms: a plosive's burst or a fricative's start may be under both thresholds),
 *       never more than {@code preRoll} back, never a byte already sent. After digital silence or steady line noise the
 *       pre-roll is the guard (plus the frame the vowel rises in, when it rises mid-frame); before a quiet fricative it
 *       reaches back over it. Until 2026-12-07 it was a fixed 200 ms, i.e. 160 ms of billed line noise on every onset
 *       that starts on its vowel (all the simulator's lines do). When the walk reaches the oldest frame it holds
 *       (chunks shorter than a frame make more frames than the ring keeps), it sends the whole {@code preRoll}: it never
 *       guesses short. The noise's mean crossing count follows the frames near the floor (time constant 25 frames);
 *       white noise crosses ~80 times a frame, so over white line noise only the energy test extends the walk, while
 *       over hum or a low-pitched line a fricative barely louder than the noise is still found by its crossings;</li>
 *   <li><b>hang-over</b> (default 500 ms): after the last voiced frame the gate keeps sending, so trailing consonants
 *       and a speaker's own pauses inside a turn (between words, a breath) go through, and closes on the frame where
 *       the hang-over ends (not at a chunk boundary). <b>Turn-taking</b>: when the other track of the call (see
 *       {@link #pairWith}) is speaking, this speaker's turn is over, and the hang-over is cut to {@code turnHangOver}
 *       (default 150 ms: trailing consonants only). If this speaker resumes after all, that is a new onset with its
 *       pre-roll: no word is lost, only the silence before it is not sent;</li>
 *   <li><b>recogniser-aware hang-over</b> ({@link #utteranceFinalised}): the hang-over's other job is to give the
 *       recogniser's endpointer the trailing silence it needs to make the utterance final. Once the recogniser has
 *       closed the utterance the last voiced frame belongs to (a final whose end reaches that frame), the rest of the
 *       hang-over is of no use to it: the gate closes on the next unvoiced frame. A final that does not reach the last
 *       voiced frame (it closed an earlier utterance, or the speaker went on after it) changes nothing; nor does a
 *       final while the speaker is voiced. So every voiced frame and every pre-roll still go out, and the recogniser
 *       gets exactly the silence its endpointer used, never less; with a vendor whose endpointing takes longer than
 *       the hang-over, nothing changes at all. The check is on the audio clock of what was sent, so it needs the
 *       vendor's end offsets; a final without them (offset zero) never closes the gate early;</li>
 *   <li>a burst is at least 1.2 s (see {@link #MIN_BURST_BYTES}).</li>
 * </ul>
 * Deciding per frame instead of per 100 ms chunk saves the rounding of every onset and end to a chunk boundary
 * (50 ms on average on each side of a turn). During a long silence nothing is sent: the recogniser's adapter ends its
 * stream on its own and opens one when audio comes back.
 *
 * <p>Allocation-free: held-back chunks are kept by reference (the media edge never writes a delivered array again) in
 * a fixed ring, each frame's level, zero-crossing count and position in three primitive rings of {@code preRoll / 20 ms
 * + 2} slots (computed in the per-frame pass: a second cheap pass over the frame's bytes, eight at a time, see
 * {@link MuLaw#signChanges}), and the {@link Sink} gets slices of the caller's arrays (a burst starts and ends inside a chunk, so its
 * first and last slice are usually part of one). Used by one thread at a time (the call's audio thread, which delivers
 * both tracks of a call); not thread-safe, except that a paired gate reads whether this one is speaking.
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
    /** 20 ms at 8 kHz: the unit of every decision. */
    static final int FRAME = 160;
    private static final int RING_SLOTS = 64;
    /**
     * Pre-roll walk-back (Rabiner and Sambur's low threshold): a held frame this much over the noise floor is part of
     * the onset (a quiet consonant, the rise of the vowel); steady line noise stays within ~2 dB of the floor, which
     * follows its quietest frames.
     */
    static final double WEAK_DB = 4;
    /** ... and a frame only this much over the floor is part of it when it also crosses zero often (a fricative). */
    static final double FRICATIVE_DB = 1.5;
    /**
     * Zero crossings per 20 ms frame over the line noise's own mean that make a quiet frame a fricative ("s", "f",
     * "ch": noise-like, energy high in the band, so many crossings); white line noise itself crosses ~80 times a frame
     * with a standard deviation of ~6, hum and digital silence far less.
     */
    static final int FRICATIVE_CROSSINGS = 20;
    /** Sent before the first frame of the onset: a plosive's burst or a fricative's start may sit under both thresholds. */
    static final int GUARD_BYTES = 2 * 160;
    /** Weight of a frame in the line noise's mean zero-crossing count: a time constant of 25 frames (0.5 s). */
    private static final double CROSSINGS_WEIGHT = 1.0 / 25;
    /**
     * Every burst sends at least this much (pre-roll included): the speech adapter takes a stream that the vendor
     * ends for lack of audio, with under 1 s sent and no result, for a failing one (and backs off); a lone click must
     * not look like that.
     */
    static final long MIN_BURST_BYTES = 1_200L * BYTES_PER_SECOND / 1000;

    /** Receives what the gate passes: {@code length} bytes of {@code audio} from {@code offset}, in track order. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] audio, int offset, int length);

        /**
         * For a consumer of whole arrays (a recognition stream keeps what it is pushed): whole chunks are handed over
         * as they are, a slice (the first and the last of a burst) is copied.
         */
        static Sink ofArrays(Consumer<byte[]> consumer) {
            Objects.requireNonNull(consumer, "'consumer' must not be null");
            return (audio, offset, length) -> consumer.accept(offset == 0 && length == audio.length
                    ? audio : Arrays.copyOfRange(audio, offset, offset + length));
        }
    }

    /** Whether the gate runs, and how much audio it keeps around speech. */
    public record Settings(boolean enabled, Duration preRoll, Duration hangOver, Duration turnHangOver) {
        /** On, at most 200 ms of (adaptive) pre-roll, 500 ms of hang-over, 150 ms once the other side speaks. */
        public static final Settings DEFAULT = new Settings(true, Duration.ofMillis(200), Duration.ofMillis(500),
                Duration.ofMillis(150));
        /** Everything is sent (the behaviour before the gate). */
        public static final Settings OFF = new Settings(false, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        public Settings {
            Objects.requireNonNull(preRoll, "'preRoll' must not be null");
            Objects.requireNonNull(hangOver, "'hangOver' must not be null");
            Objects.requireNonNull(turnHangOver, "'turnHangOver' must not be null");
            if (preRoll.isNegative() || preRoll.toMillis() > 2000) {
                throw new IllegalArgumentException("'preRoll' must be 0 to 2000 ms, got " + preRoll.toMillis() + " ms");
            }
            if (hangOver.isNegative() || hangOver.toMillis() > 5000) {
                throw new IllegalArgumentException("'hangOver' must be 0 to 5000 ms, got " + hangOver.toMillis() + " ms");
            }
            if (turnHangOver.isNegative() || turnHangOver.compareTo(hangOver) > 0) {
                throw new IllegalArgumentException("'turnHangOver' must be 0 to 'hangOver' (" + hangOver.toMillis()
                        + " ms), got " + turnHangOver.toMillis() + " ms");
            }
        }

        /** The same hang-over whether or not the other side speaks. */
        public Settings(boolean enabled, Duration preRoll, Duration hangOver) {
            this(enabled, preRoll, hangOver, hangOver);
        }
    }

    private final boolean enabled;
    private final long preRollBytes;
    private final long hangOverBytes;
    private final long turnHangOverBytes;
    private final Sink sink;
    /** Newest chunks (by reference) and their track positions: what a pre-roll may replay. */
    private final byte[][] ring = new byte[RING_SLOTS][];
    private final long[] ringAt = new long[RING_SLOTS];
    private int ringHead;
    private int ringCount;
    private SpeechGate peer;
    /** This track's last frame was voiced (read by the paired gate). */
    private volatile boolean voiced;
    /**
     * End of the newest final of this track, in bytes of the audio sent (the recogniser's clock); written by the
     * recogniser's thread, read by the audio thread.
     */
    private volatile long finalisedUntil = -1;
    /** Audio sent (the recogniser's clock) up to the end of the last voiced frame. */
    private long voicedUntil;
    private int earlyCloses;
    private boolean open;
    /** Audio since the last voiced frame, while open. */
    private long sinceVoice;
    private long burstBytes;
    /** Track position up to which audio was sent: a pre-roll never sends a byte twice. */
    private long sentUntil;
    private double floorDb = FLOOR_MAX_DB; // starts high: the first quiet frames pull it down at once
    /** Quietest frame level of the current block of about a second, and of the one before. */
    private double blockMinDb = Double.MAX_VALUE;
    private double previousBlockMinDb = Double.MAX_VALUE;
    private long blockBytes;
    /** Level (dB), zero crossings (per 20 ms) and track position of the newest frames: what the walk-back reads. */
    private final float[] frameDb;
    private final short[] frameCrossings;
    private final long[] frameAt;
    private int framesHead;
    private int framesCount;
    /** Mean zero crossings per 20 ms of the frames near the floor (the line noise); white noise ≈ 80. */
    private double noiseCrossings = FRAME / 2.0;
    private long preRolledBytes;
    private long offeredBytes;
    private long passedBytes;
    private int onsets;
    /** Audio sent after the last voiced frame of each burst that closed. */
    private long closedTailBytes;

    /** {@code sink} receives the chunks to recognise, whole, in order (typically the track's recognition stream). */
    public SpeechGate(Settings settings, Consumer<byte[]> sink) {
        this(settings, Sink.ofArrays(sink));
    }

    /** {@code sink} receives the slices to recognise, in order. */
    public SpeechGate(Settings settings, Sink sink) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        this.sink = Objects.requireNonNull(sink, "'sink' must not be null");
        this.enabled = settings.enabled();
        this.preRollBytes = settings.preRoll().toMillis() * BYTES_PER_SECOND / 1000;
        this.hangOverBytes = settings.hangOver().toMillis() * BYTES_PER_SECOND / 1000;
        this.turnHangOverBytes = settings.turnHangOver().toMillis() * BYTES_PER_SECOND / 1000;
        // frames of a chunk are counted from its start, so the pre-roll spans at most preRoll / FRAME + 2 of them
        // (shorter chunks make shorter frames: the walk-back then stops at the oldest and takes the whole pre-roll)
        int frames = preRollBytes == 0 ? 0 : (int) (preRollBytes / FRAME) + 2;
        this.frameDb = new float[frames];
        this.frameCrossings = new short[frames];
        this.frameAt = new long[frames];
    }

    /**
     * Makes two gates the two tracks of one call: each cuts its hang-over short while the other speaks. Both gates must
     * be fed by the same thread (or the other's state is read a frame or so late, which is harmless).
     */
    public void pairWith(SpeechGate other) {
        Objects.requireNonNull(other, "'other' must not be null");
        this.peer = other;
        other.peer = this;
    }

    /** One chunk of 8 kHz mu-law audio; the gate may keep the array (it is never written again by the caller). */
    public void accept(byte[] mulaw) {
        int length = mulaw.length;
        if (length == 0) {
            return;
        }
        long chunkAt = offeredBytes;
        offeredBytes += length;
        if (!enabled) {
            send(mulaw, 0, length);
            sentUntil = offeredBytes;
            return;
        }
        int runFrom = open ? 0 : -1; // offset in this chunk where the slice being sent starts
        for (int at = 0; at < length; at += FRAME) {
            int n = Math.min(FRAME, length - at);
            double level = 10 * Math.log10((double) MuLaw.energy(mulaw, at, n) / n + 1);
            boolean speech = level >= Math.max(floorDb + (open ? OFFSET_DB : ONSET_DB), MIN_SPEECH_DB);
            adaptFloor(level, n);
            boolean lineNoise = !speech && level < floorDb + WEAK_DB;
            if (speech != voiced) {
                voiced = speech;
            }
            if (speech) {
                if (!open) {
                    open = true;
                    onsets++;
                    burstBytes = 0;
                    long from = preRollStart(chunkAt + at);
                    preRolledBytes += chunkAt + at - from;
                    replayHeld(from, chunkAt);
                    runFrom = (int) (Math.max(from, chunkAt) - chunkAt);
                }
                sinceVoice = 0;
                voicedUntil = passedBytes + (at + n - runFrom); // the slice from runFrom is sent at the chunk's end
            } else if (open) {
                SpeechGate other = peer;
                long hang = other != null && other.voiced ? turnHangOverBytes : hangOverBytes;
                // a final covering the last voiced frame: the endpointer has had the silence it needed (no minimum
                // burst then: that rule guards against a stream ending with no result, and this one has one)
                boolean finalised = finalisedUntil + FRAME > voicedUntil;
                if (finalised || sinceVoice >= hang && burstBytes + (at - runFrom) >= MIN_BURST_BYTES) {
                    if (finalised && sinceVoice < hang) {
                        earlyCloses++;
                    }
                    open = false;
                    flush(mulaw, runFrom, at, chunkAt);
                    runFrom = -1;
                    closedTailBytes += passedBytes - voicedUntil;
                } else {
                    sinceVoice += n;
                }
            }
            // Crossings serve the line noise's mean and a later walk-back, which only reads frames not sent (held
            // while closed): a frame sent with the gate open, voiced, needs none (most of a turn's frames).
            int crossings = 0;
            if (lineNoise || !open) {
                int changes = MuLaw.signChanges(mulaw, at, n);
                crossings = n == FRAME ? changes : changes * FRAME / n; // per 20 ms (a chunk's last frame may be short)
                if (lineNoise) {
                    noiseCrossings += (crossings - noiseCrossings) * CROSSINGS_WEIGHT;
                }
            }
            holdFrame(chunkAt + at, level, crossings);
        }
        if (runFrom >= 0) {
            flush(mulaw, runFrom, length, chunkAt);
        }
        hold(mulaw, chunkAt);
    }

    /**
     * The recogniser made an utterance of this track final, ending {@code endOffset} into the audio this gate sent
     * (a {@link com.ethiq.core.domain.TranscriptSegment}'s end offset). If it covers the last voiced frame and the
     * gate is in its hang-over, the gate closes on the next frame it is given (see the class comment). Any thread;
     * allocates nothing.
     */
    public void utteranceFinalised(Duration endOffset) {
        long end = endOffset.toMillis() * BYTES_PER_SECOND / 1000;
        if (end > 0 && end > finalisedUntil) {
            finalisedUntil = end; // one writer per track: its recogniser delivers results one at a time
        }
    }

    /** Hang-overs ended early because the recogniser had already made the utterance final. */
    public int earlyCloses() {
        return earlyCloses;
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

    /** Audio sent before the onset frames (the adaptive pre-rolls), in bytes. */
    public long preRolledBytes() {
        return preRolledBytes;
    }

    /**
     * Audio sent after the last voiced frame of each burst (of the one still open too): the hang-over as used, i.e. the
     * silence the recogniser's endpointer needed and what went out before its final came back.
     */
    public long tailBytes() {
        return closedTailBytes + (open ? Math.max(0, passedBytes - voicedUntil) : 0);
    }

    /** What this gate did so far: see {@link Figures}. */
    public Figures figures() {
        return new Figures(offeredBytes, passedBytes, onsets, preRolledBytes, tailBytes(), earlyCloses);
    }

    /**
     * What a gate did on one track, in bytes of 8 kHz mu-law (8 per millisecond): the audio offered and sent, and of
     * the audio sent what was pre-roll (before each onset frame) and tail (after each burst's last voiced frame).
     * Where the recogniser's bill goes: {@link #voicedBytes()} is the speakers' own, pre-roll and tail are the gate's
     * margin and the recogniser's endpointing. With the gate off, everything sent counts as voiced.
     *
     * @param earlyCloses bursts closed by the recogniser's final before the hang-over ran out
     */
    public record Figures(long offeredBytes, long sentBytes, int onsets, long preRollBytes, long tailBytes,
                          int earlyCloses) {
        /** The sent audio from each onset frame to its burst's last voiced frame (with the speaker's short pauses). */
        public long voicedBytes() {
            return sentBytes - preRollBytes - tailBytes;
        }
    }

    /** The current noise floor, dB over one 16-bit step. */
    public double noiseFloorDb() {
        return floorDb;
    }

    private void adaptFloor(double frameDb, int length) {
        double seconds = (double) length / BYTES_PER_SECOND;
        blockMinDb = Math.min(blockMinDb, frameDb);
        blockBytes += length;
        double recentMin = Math.min(blockMinDb, previousBlockMinDb);
        if (blockBytes >= BYTES_PER_SECOND) {
            previousBlockMinDb = blockMinDb;
            blockMinDb = Double.MAX_VALUE;
            blockBytes = 0;
        }
        if (frameDb < floorDb) {
            floorDb += (frameDb - floorDb) * Math.min(1, seconds / FALL_TAU_SECONDS);
        } else if (recentMin > floorDb) {
            floorDb += Math.min(recentMin - floorDb, RISE_DB_PER_SECOND * seconds);
        }
        floorDb = Math.max(FLOOR_MIN_DB, Math.min(FLOOR_MAX_DB, floorDb));
    }

    /**
     * Where the burst of an onset at track position {@code onsetAt} starts: back over the held frames that stay over the
     * low threshold, less the guard, within the maximum pre-roll and after what was sent.
     */
    private long preRollStart(long onsetAt) {
        long limit = Math.max(Math.max(onsetAt - preRollBytes, sentUntil), 0);
        long start = onsetAt;
        double weak = floorDb + WEAK_DB;
        double fricative = floorDb + FRICATIVE_DB;
        double manyCrossings = noiseCrossings + FRICATIVE_CROSSINGS;
        int i = framesCount - 1;
        for (; i >= 0 && start > limit; i--) {
            int slot = (framesHead + i) % frameAt.length;
            float db = frameDb[slot];
            if (db < weak && (db < fricative || frameCrossings[slot] < manyCrossings)) {
                break;
            }
            start = Math.max(frameAt[slot], limit);
        }
        if (i < 0 && start > limit) {
            return limit; // still over the low threshold at the oldest frame held: take all that may be sent
        }
        return Math.max(start - Math.min(GUARD_BYTES, preRollBytes), limit);
    }

    private void holdFrame(long at, double level, int crossings) {
        int slots = frameAt.length;
        if (slots == 0) {
            return;
        }
        int slot;
        if (framesCount == slots) {
            slot = framesHead;
            framesHead = framesHead + 1 == slots ? 0 : framesHead + 1;
        } else {
            slot = framesHead + framesCount;
            slot = slot >= slots ? slot - slots : slot;
            framesCount++;
        }
        frameAt[slot] = at;
        frameDb[slot] = (float) level;
        frameCrossings[slot] = (short) crossings;
    }

    /** Sends {@code [from, to)} of the current chunk (which starts at track position {@code chunkAt}). */
    private void flush(byte[] chunk, int from, int to, long chunkAt) {
        if (to > from) {
            send(chunk, from, to - from);
            burstBytes += to - from;
            sentUntil = chunkAt + to;
        }
    }

    private void send(byte[] audio, int offset, int length) {
        passedBytes += length;
        sink.accept(audio, offset, length);
    }

    /** Keeps the newest chunks that cover the pre-roll (sent or not: {@link #sentUntil} says what a replay may send). */
    private void hold(byte[] chunk, long chunkAt) {
        if (preRollBytes == 0) {
            return;
        }
        if (ringCount == RING_SLOTS) {
            dropOldest();
        }
        int slot = (ringHead + ringCount) % RING_SLOTS;
        ring[slot] = chunk;
        ringAt[slot] = chunkAt;
        ringCount++;
        long needFrom = offeredBytes - preRollBytes;
        while (ringCount > 1 && ringAt[(ringHead + 1) % RING_SLOTS] <= needFrom) {
            dropOldest();
        }
    }

    private void dropOldest() {
        ring[ringHead] = null;
        ringHead = (ringHead + 1) % RING_SLOTS;
        ringCount--;
    }

    /** Sends the held audio from track position {@code from} up to {@code until} (the current chunk's start). */
    private void replayHeld(long from, long until) {
        for (int i = 0; i < ringCount; i++) {
            int slot = (ringHead + i) % RING_SLOTS;
            byte[] chunk = ring[slot];
            long at = ringAt[slot];
            long start = Math.max(from, at);
            long end = Math.min(until, at + chunk.length);
            if (end > start) {
                send(chunk, (int) (start - at), (int) (end - start));
                burstBytes += end - start;
            }
        }
        sentUntil = Math.max(sentUntil, until);
    }
}
