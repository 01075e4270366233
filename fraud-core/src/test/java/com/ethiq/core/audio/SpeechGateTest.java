package com.ethiq.core.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeechGateTest {
    private static final int MS = Signals.RATE / 1000;
    /**
     * The pre-roll before a tone (or any vowel-like onset) that starts on a frame after line noise or silence: the
     * guard alone, since no held frame stands over the low threshold. Until 2026-12-07 the pre-roll was a fixed
     * 200 ms, and the exact byte counts below were written with 200 in this place; the adaptive pre-roll sends the
     * guard, so they now say {@code GUARD_MS} (the rule and its own cases: {@link AdaptivePreRollTest}).
     */
    private static final int GUARD_MS = SpeechGate.GUARD_BYTES / MS;

    /** Plays audio through a gate in 100 ms chunks; remembers which samples reached the recogniser, in order. */
    private static final class Run {
        final Map<byte[], Integer> offsets = new IdentityHashMap<>();
        /** Track positions of what was sent, slice by slice: [from, to). */
        final List<int[]> received = new ArrayList<>();
        final SpeechGate gate;
        final boolean[] sent;

        Run(SpeechGate.Settings settings, byte[] audio) {
            this(settings, audio, (gate, trackMs) -> { });
        }

        /** {@code afterChunk} gets the gate and the track time reached (ms) after each chunk (a recogniser's results). */
        Run(SpeechGate.Settings settings, byte[] audio, java.util.function.ObjIntConsumer<SpeechGate> afterChunk) {
            gate = new SpeechGate(settings, (chunk, offset, length) -> {
                int from = offsets.get(chunk) + offset;
                received.add(new int[] {from, from + length});
            });
            sent = new boolean[audio.length];
            int at = 0;
            for (byte[] chunk : Signals.chunks(audio, Signals.CHUNK)) {
                offsets.put(chunk, at);
                gate.accept(chunk);
                at += chunk.length;
                afterChunk.accept(gate, at / MS);
            }
            for (int[] slice : received) {
                java.util.Arrays.fill(sent, slice[0], slice[1], true);
            }
        }

        Run(byte[] audio) {
            this(SpeechGate.Settings.DEFAULT, audio);
        }

        double sentSeconds() {
            return gate.passedBytes() / (double) Signals.RATE;
        }

        /** In track order, each byte once. */
        boolean sentInOrder() {
            int previous = 0;
            for (int[] slice : received) {
                if (slice[0] < previous || slice[1] <= slice[0]) {
                    return false;
                }
                previous = slice[1];
            }
            return true;
        }

        boolean allSent(int from, int to) {
            for (int i = Math.max(0, from); i <= Math.min(sent.length - 1, to); i++) {
                if (!sent[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void digitalSilenceSendsNothing() {
        Run run = new Run(Signals.silence(60_000));
        assertThat(run.gate.passedBytes()).isZero();
        assertThat(run.gate.offeredBytes()).isEqualTo(60_000L * MS);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-65, -55, -45, -40})
    void steadyLineNoiseSendsNothing(double dbfs) {
        Run run = new Run(Signals.noise(60_000, dbfs, 7));
        assertThat(run.gate.passedBytes()).as("noise at %s dBFS", dbfs).isZero();
        assertThat(run.gate.onsets()).isZero();
    }

    @Test
    void lineNoiseThatStepsUpIsLearntWithinSeconds() {
        Run run = new Run(Signals.concat(Signals.noise(20_000, -62, 1), Signals.noise(40_000, -42, 2)));
        assertThat(run.sentSeconds()).as("seconds of noise sent after the step").isLessThan(5); // measured 4.3 s: up to 2 s to see the new minimum, then 6 dB/s, then the hang-over
        assertThat(run.gate.isOpen()).isFalse();
    }

    /** Builds the two tracks of a call: one speaks while the other carries line noise only. */
    private static final class ByteArrayOutputStreams {
        private final java.io.ByteArrayOutputStream[] tracks = {new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream()};

        void both(byte[] silence, double noiseDbfs, long seed) {
            for (int t = 0; t < 2; t++) {
                tracks[t].writeBytes(over(silence, noiseDbfs, seed * 2 + t));
            }
        }

        void speak(int speaker, byte[] clip, double noiseDbfs, long seed) {
            tracks[speaker].writeBytes(over(clip, noiseDbfs, seed * 7));
            byte[] quiet = new byte[clip.length];
            java.util.Arrays.fill(quiet, (byte) 0xFF);
            tracks[1 - speaker].writeBytes(over(quiet, noiseDbfs, seed * 7 + 1));
        }

        private static byte[] over(byte[] audio, double noiseDbfs, long seed) {
            return noiseDbfs < -150 ? audio : Signals.mix(audio, 0, noiseDbfs, seed);
        }

        int length() {
            return tracks[0].size();
        }

        byte[] track(int t) {
            return tracks[t].toByteArray();
        }
    }

    @Test
    void aLoudSteadyToneIsSpeechHoweverLongItLasts() {
        // the simulator's "voice": a 400 Hz tone at amplitude 2000 (≈ -27 dBFS)
        Run run = new Run(Signals.concat(Signals.silence(1_000), Signals.tone(60_000, 400, 2000), Signals.silence(5_000)));
        assertThat(run.allSent(1_000 * MS, 61_000 * MS - 1)).isTrue();
        assertThat(run.sentSeconds()).isBetween(60.0, 60.9); // tone + at most pre-roll and hang-over
        assertThat(run.gate.onsets()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr-1", "fr-2", "en-1", "en-2"})
    void speechClipsPassWholeWithPreRollAndHangOver(String name) {
        byte[] clip = Signals.clip(name);
        assertSpeechPasses(name, Signals.concat(Signals.silence(2_000), clip, Signals.silence(3_000)), 2_000 * MS,
                clip, -200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr-1", "fr-2", "en-1", "en-2"})
    void aSoftTalkerOnANoisyLinePassesWholeAndTheNoiseAroundDoesNot(String name) {
        byte[] clip = Signals.mix(Signals.clip(name), -15, -55, 11);
        byte[] audio = Signals.concat(Signals.noise(4_000, -55, 3), clip, Signals.noise(6_000, -55, 4));
        // voiced: what stands 12 dB over the line noise (the rest of the clip is in it, for a recogniser too)
        Run run = assertSpeechPasses(name, audio, 4_000 * MS, Signals.mix(Signals.clip(name), -15, -200, 0), -55);
        assertThat(run.sentSeconds()).as("sent around a %.2f s clip", clip.length / 8000.0)
                .isLessThan(clip.length / 8000.0 + 1.0);
    }

    /**
     * Every voiced frame of the clip (at {@code clipAt}; {@code clean}: the clip as said, before line noise), the onset
     * before each and the clip's first audible sample are sent, in order.
     */
    private static Run assertSpeechPasses(String name, byte[] audio, int clipAt, byte[] clean, double noiseDbfs) {
        Run run = new Run(audio);
        int voiced = assertEveryVoicedFrameSent(name, run.sent, audio, clipAt, clipAt + clean.length,
                speechThreshold(noiseDbfs), noiseDbfs);
        int first = clipAt + firstAudibleSample(clean, noiseDbfs);
        assertThat(run.sent[first]).as("%s: first audible sample (%d ms into the clip) sent", name,
                (first - clipAt) / MS).isTrue();
        assertThat(voiced).as("%s: voiced frames", name).isGreaterThan(50);
        int[] span = Signals.voicedSpan(audio, noiseDbfs + 5);
        assertThat(run.sent[Math.max(0, span[0] - 600 * MS)]).as("nothing long before the onset").isFalse();
        assertThat(run.sentInOrder()).isTrue();
        return run;
    }

    /** Two paired gates fed as the media edge feeds a call: chunk by chunk, one track then the other. */
    private static final class Call {
        final SpeechGate[] gates = new SpeechGate[2];
        final boolean[][] sent = new boolean[2][];
        final int[] slices = new int[2];

        Call(SpeechGate.Settings settings, byte[] caller, byte[] callee) {
            byte[][] tracks = {caller, callee};
            List<Map<byte[], Integer>> offsets = List.of(new IdentityHashMap<>(), new IdentityHashMap<>());
            for (int t = 0; t < 2; t++) {
                int track = t;
                sent[t] = new boolean[tracks[t].length];
                gates[t] = new SpeechGate(settings, (chunk, offset, length) -> {
                    int from = offsets.get(track).get(chunk) + offset;
                    for (int i = from; i < from + length; i++) {
                        assertThat(sent[track][i]).as("track %d, byte %d sent twice", track, i).isFalse();
                        sent[track][i] = true;
                    }
                    slices[track]++;
                });
            }
            gates[0].pairWith(gates[1]);
            for (int at = 0; at < Math.max(caller.length, callee.length); at += Signals.CHUNK) {
                for (int t = 0; t < 2; t++) {
                    if (at < tracks[t].length) {
                        byte[] chunk = java.util.Arrays.copyOfRange(tracks[t], at, Math.min(tracks[t].length, at + Signals.CHUNK));
                        offsets.get(t).put(chunk, at);
                        gates[t].accept(chunk);
                    }
                }
            }
        }

        double sentSeconds(int track) {
            return gates[track].passedBytes() / (double) Signals.RATE;
        }
    }

    /**
     * Asserts that every 20 ms frame of {@code track} (on the gate's grid: frames from the start of the track) that
     * overlaps {@code [from, to)} and is at least {@code thresholdDb} loud was sent, and the onset before every such
     * frame that follows a quieter one: the frames before it that stand {@value #OUT_OF_NOISE_DB} dB out of the line
     * noise ({@code noiseDbfs}; digital silence counts as the gate's lowest floor), back to the first that does not,
     * and the gate's guard before that. (With the fixed pre-roll, before 2026-12-07, this checked 200 ms before each
     * onset; the adaptive pre-roll promises the quiet start of the word, not a duration.) Returns how many voiced
     * frames it checked.
     */
    private static int assertEveryVoicedFrameSent(String what, boolean[] sent, byte[] track, int from, int to,
                                                  double thresholdDb, double noiseDbfs) {
        int frame = SpeechGate.FRAME;
        double outOfNoise = Math.max(levelDb(noiseDbfs), SpeechGate.FLOOR_MIN_DB) + OUT_OF_NOISE_DB;
        int voiced = 0;
        boolean previousVoiced = false;
        for (int at = from / frame * frame; at < to && at + frame <= track.length; at += frame) {
            double level = frameDb(track, at);
            boolean isVoiced = level >= thresholdDb;
            if (isVoiced) {
                voiced++;
                int onset = at;
                if (!previousVoiced) {
                    while (onset >= frame && frameDb(track, onset - frame) >= outOfNoise) {
                        onset -= frame;
                    }
                    onset = Math.max(0, onset - SpeechGate.GUARD_BYTES);
                }
                for (int i = onset; i < at + frame; i++) {
                    assertThat(sent[i]).as("%s: byte %d (%s frame at %d ms, %.1f dB) not sent", what, i,
                            i < at ? "onset of the" : "voiced", at / MS, level).isTrue();
                }
            }
            previousVoiced = isVoiced;
        }
        return voiced;
    }

    /** A frame this far over the line noise is the quiet start of a word, not noise (the gate's low threshold is 4 dB). */
    private static final double OUT_OF_NOISE_DB = 6;

    private static double frameDb(byte[] track, int at) {
        return 10 * Math.log10((double) MuLaw.energy(track, at, SpeechGate.FRAME) / SpeechGate.FRAME + 1);
    }

    /** Level of steady noise at {@code dbfs} as the gate measures it (dB over one 16-bit step). */
    private static double levelDb(double dbfs) {
        return dbfs < -150 ? 0 : 10 * Math.log10(Math.pow(32767 * Math.pow(10, dbfs / 20), 2) + 1);
    }

    /**
     * The first sample of {@code clip} (clean, before any line noise is mixed in) that stands out of line noise at
     * {@code noiseDbfs}: the start of the first 5 ms window whose RMS reaches the noise's (or -70 dBFS over digital
     * silence). The word's first phoneme starts there; the gate must have sent it.
     */
    private static int firstAudibleSample(byte[] clip, double noiseDbfs) {
        int window = 5 * MS;
        double rms = 32767 * Math.pow(10, Math.max(noiseDbfs, -70) / 20);
        for (int at = 0; at + window <= clip.length; at += window) {
            if (MuLaw.energy(clip, at, window) >= rms * rms * window) {
                return at;
            }
        }
        throw new AssertionError("clip without audio");
    }

    /** The level a frame must reach to be speech over steady noise at {@code noiseDbfs}, as the gate decides it. */
    private static double speechThreshold(double noiseDbfs) {
        double noiseDb = 10 * Math.log10(Math.pow(32767 * Math.pow(10, noiseDbfs / 20), 2) + 1);
        return Math.max(SpeechGate.MIN_SPEECH_DB, noiseDb + SpeechGate.ONSET_DB);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-200, -58, -50})
    void everyVoicedFrameOfEveryClipItsFirstAudibleSampleAndEachOnsetAreSentOnBothTracks(double noiseDbfs) {
        // A call: turns alternate, pauses from 250 ms (the other side answers at once) to 4 s, line noise on both tracks.
        String[] names = {"fr-1", "en-1", "fr-2", "en-2", "en-1", "fr-1", "en-2", "fr-2"};
        int[] pausesMs = {250, 700, 4_000, 400, 1_500, 250, 2_000, 600};
        ByteArrayOutputStreams tracks = new ByteArrayOutputStreams();
        List<int[]> turns = new ArrayList<>(); // track, clip index, position
        tracks.both(Signals.silence(1_000), noiseDbfs, 0);
        for (int k = 0; k < names.length; k++) {
            byte[] clip = Signals.clip(names[k]);
            int speaker = k % 2;
            turns.add(new int[] {speaker, k, tracks.length()});
            tracks.speak(speaker, clip, noiseDbfs, k + 1);
            tracks.both(Signals.silence(pausesMs[k]), noiseDbfs, 100 + k);
        }
        Call call = new Call(SpeechGate.Settings.DEFAULT, tracks.track(0), tracks.track(1));
        // the scripted recogniser's threshold (≈ -50 dBFS), or 12 dB over the line noise (the gate's onset margin)
        double threshold = speechThreshold(noiseDbfs);
        byte[][] audio = {tracks.track(0), tracks.track(1)};
        int frames = 0;
        for (int[] turn : turns) {
            int length = Signals.clip(names[turn[1]]).length;
            frames += assertEveryVoicedFrameSent(names[turn[1]] + " on track " + turn[0], call.sent[turn[0]],
                    audio[turn[0]], turn[2], turn[2] + length, threshold, noiseDbfs);
            int first = turn[2] + firstAudibleSample(Signals.clip(names[turn[1]]), noiseDbfs);
            assertThat(call.sent[turn[0]][first]).as("%s on track %d: first audible sample (%d ms in) sent",
                    names[turn[1]], turn[0], (first - turn[2]) / MS).isTrue();
        }
        assertThat(frames).as("voiced frames checked").isGreaterThan(500);
        double speech = turns.stream().mapToDouble(t -> Signals.clip(names[t[1]]).length / 8000.0).sum();
        assertThat(call.sentSeconds(0) + call.sentSeconds(1)).as("sent for %.1f s of speech", speech)
                .isLessThan(speech + names.length * 0.8);
    }

    @Test
    void theOtherSideAnsweringCutsTheHangOverShortAndNothingSpokenIsLost() {
        // A says fr-1; B answers as A's clip ends (its last voiced frames are ~300 ms before); A is silent meanwhile.
        byte[] clip = Signals.clip("fr-1");
        byte[] answer = Signals.clip("en-1");
        int clipMs = clip.length / MS;
        byte[] a = Signals.concat(Signals.noise(1_000, -58, 1), clip, Signals.noise(answer.length / MS + 3_000, -58, 2));
        byte[] b = Signals.concat(Signals.noise(1_000 + clipMs, -58, 3), answer, Signals.noise(3_000, -58, 4));
        Call paired = new Call(SpeechGate.Settings.DEFAULT, a, b);
        var unpaired = new Run(SpeechGate.Settings.DEFAULT, a);
        double saved = unpaired.sentSeconds() - paired.sentSeconds(0);
        // A's hang-over (500 ms after its last voiced frame) ends once B speaks and 150 ms have passed
        assertThat(saved).as("A's hang-over cut by B's answer").isBetween(0.1, 0.35);
        double threshold = speechThreshold(-58);
        assertThat(assertEveryVoicedFrameSent("A", paired.sent[0], a, 1_000 * MS, 1_000 * MS + clip.length, threshold, -58))
                .isGreaterThan(50);
        assertThat(assertEveryVoicedFrameSent("B", paired.sent[1], b, (1_000 + clipMs) * MS,
                (1_000 + clipMs) * MS + answer.length, threshold, -58)).isGreaterThan(50);
    }

    @Test
    void onsetsAndEndsFallOnFramesNotChunks() {
        // a tone starting 40 ms into a chunk and stopping 60 ms into one: exactly pre-roll (the guard: only line noise
        // before the tone) + tone + hang-over is sent
        byte[] audio = Signals.concat(Signals.noise(2_040, -60, 1), Signals.tone(2_020, 400, 2000), Signals.noise(3_000, -60, 2));
        Run run = new Run(audio);
        assertThat(run.gate.onsets()).isEqualTo(1);
        assertThat(run.gate.passedBytes()).isEqualTo((GUARD_MS + 2_020 + 500) * MS);
        assertThat(run.allSent((2_040 - GUARD_MS) * MS, (2_040 + 2_020 + 500) * MS - 1)).isTrue();
        assertThat(run.sent[(2_040 - GUARD_MS) * MS - 1]).isFalse();
        assertThat(run.sent[(2_040 + 2_020 + 500) * MS]).isFalse();
    }

    @Test
    void turnTakingSendsEachTurnAndSkipsTheSilencesBetween() {
        byte[] fr1 = Signals.clip("fr-1");
        byte[] en1 = Signals.clip("en-1");
        byte[] audio = Signals.concat(Signals.noise(3_000, -58, 1), fr1, Signals.noise(8_000, -58, 2), en1,
                Signals.noise(10_000, -58, 3));
        Run run = new Run(audio);
        double speech = (fr1.length + en1.length) / 8000.0;
        assertThat(run.gate.onsets()).isBetween(2, 6); // a long pause inside a sentence may reopen
        assertThat(run.sentSeconds()).isBetween(speech - 1.5, speech + 2 * 0.8 + 0.5);
    }

    @Test
    void aLoneClickSendsOneBurstOfAtLeastOnePointTwoSeconds() {
        // the speech adapter reads a stream ended for lack of audio with under 1 s sent as failing
        Run run = new Run(Signals.concat(Signals.noise(5_000, -60, 1), Signals.tone(100, 1000, 8000),
                Signals.noise(10_000, -60, 2)));
        assertThat(run.gate.onsets()).isEqualTo(1);
        assertThat(run.gate.passedBytes()).isBetween(SpeechGate.MIN_BURST_BYTES, SpeechGate.MIN_BURST_BYTES + Signals.CHUNK);
    }

    @Test
    void offSendsEverything() {
        Run run = new Run(SpeechGate.Settings.OFF, Signals.silence(10_000));
        assertThat(run.gate.passedBytes()).isEqualTo(10_000L * MS);
        assertThat(run.gate.isOpen()).isTrue();
    }

    @Test
    void chunksOfAnySizeWork() {
        byte[] clip = Signals.clip("en-2");
        byte[] audio = Signals.concat(Signals.silence(2_000), clip, Signals.silence(2_000));
        List<byte[]> received = new ArrayList<>();
        SpeechGate gate = new SpeechGate(SpeechGate.Settings.DEFAULT, received::add);
        for (byte[] chunk : Signals.chunks(audio, 160)) {
            gate.accept(chunk);
        }
        gate.accept(new byte[0]);
        assertThat(gate.passedBytes()).isBetween((long) clip.length - 400 * MS, (long) clip.length + 800 * MS);
        assertThat(gate.onsets()).isBetween(1, 3);
    }

    @Test
    void settingsAreBounded() {
        assertThatThrownBy(() -> new SpeechGate.Settings(true, Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'preRoll'");
        assertThatThrownBy(() -> new SpeechGate.Settings(true, Duration.ZERO, Duration.ofSeconds(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hangOver'");
    }

    @Test
    void theHotPathAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<byte[]> chunks = Signals.chunks(Signals.concat(Signals.noise(5_000, -55, 1), Signals.clip("fr-1"),
                Signals.noise(5_000, -55, 2)), Signals.CHUNK);
        long[] sink = new long[1];
        // the gate hands out slices of the caller's arrays; copying a slice (CallSession's sink) is not the gate's work
        SpeechGate gate = new SpeechGate(SpeechGate.Settings.DEFAULT, (chunk, offset, length) -> sink[0] += length);
        Duration finalEnd = Duration.ofMillis(1);
        for (int warm = 0; warm < 200; warm++) {
            chunks.forEach(gate::accept);
            gate.utteranceFinalised(finalEnd);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < chunks.size(); i++) {
                gate.accept(chunks.get(i));
                if (i % 10 == 9) {
                    gate.utteranceFinalised(finalEnd); // a recogniser's final: no allocation either
                }
            }
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated over %d chunks", 50 * chunks.size()).isLessThan(1024);
        assertThat(sink[0]).isPositive();
    }

    // --- recogniser-aware hang-over: a final covering the last voiced frame ends the hang-over ---

    /** Line noise, a 2 020 ms tone from 2 040 ms (ends at 4 060 ms, inside the chunk 4 000-4 100), more line noise. */
    private static byte[] toneAt2040() {
        return Signals.concat(Signals.noise(2_040, -60, 1), Signals.tone(2_020, 400, 2000), Signals.noise(3_000, -60, 2));
    }

    /** Where the tone's last frame ends on the recogniser's clock (what was sent): pre-roll + tone. */
    private static final Duration TONE_END_SENT = Duration.ofMillis(GUARD_MS + 2_020);

    @Test
    void aFinalDuringTheHangOverClosesTheGateAtTheNextFrame() {
        Run run = new Run(SpeechGate.Settings.DEFAULT, toneAt2040(), (gate, ms) -> {
            if (ms == 4_100) { // the recogniser's final comes after the chunk that held the tone's end
                gate.utteranceFinalised(TONE_END_SENT);
            }
        });
        // everything up to the end of that chunk went out, nothing after it: 460 ms of hang-over not billed
        assertThat(run.gate.passedBytes()).isEqualTo((GUARD_MS + 2_020 + 40) * MS);
        assertThat(run.allSent((2_040 - GUARD_MS) * MS, 4_100 * MS - 1)).isTrue();
        assertThat(run.sent[4_100 * MS]).isFalse();
        assertThat(run.gate.earlyCloses()).isEqualTo(1);
        assertThat(run.gate.isOpen()).isFalse();
        assertThat(run.sentInOrder()).isTrue();
    }

    @Test
    void aFinalWhileVoicedOrForAnEarlierUtteranceChangesNothing() {
        Run run = new Run(SpeechGate.Settings.DEFAULT, toneAt2040(), (gate, ms) -> {
            if (ms == 3_000) { // mid-tone: the speaker goes on after the final
                gate.utteranceFinalised(Duration.ofMillis(GUARD_MS + 960));
            }
            if (ms == 4_200) { // during the hang-over, a late final that ends before the last voiced frame
                gate.utteranceFinalised(TONE_END_SENT.minusMillis(100));
            }
            gate.utteranceFinalised(Duration.ZERO); // a vendor without offsets never closes the gate early
        });
        assertThat(run.gate.passedBytes()).isEqualTo((GUARD_MS + 2_020 + 500) * MS);
        assertThat(run.gate.earlyCloses()).isZero();
    }

    /** Tone, 300 ms of line noise (shorter than the hang-over), tone again; the first tone made final at 4 100 ms. */
    private static byte[] twoTones() {
        return Signals.concat(Signals.noise(2_040, -60, 1), Signals.tone(2_020, 400, 2000),
                Signals.noise(300, -60, 3), Signals.tone(1_000, 400, 2000), Signals.noise(3_000, -60, 2));
    }

    private static Run twoTonesTheFirstMadeFinal(byte[] audio) {
        return new Run(SpeechGate.Settings.DEFAULT, audio, (gate, ms) -> {
            if (ms == 4_100) {
                gate.utteranceFinalised(TONE_END_SENT);
            }
        });
    }

    @Test
    void speechResumingAfterAnEarlyCloseReopensWithItsPreRollAndLosesNothing() {
        byte[] audio = twoTones();
        Run run = twoTonesTheFirstMadeFinal(audio);
        assertThat(run.gate.onsets()).isEqualTo(2);
        assertThat(run.gate.earlyCloses()).isEqualTo(1);
        // the second onset at 4 360 ms replays its pre-roll (the guard) from 4 320 ms; 4 100-4 320 ms is the only
        // line noise skipped
        assertThat(run.allSent((2_040 - GUARD_MS) * MS, 4_100 * MS - 1)).isTrue();
        assertThat(run.sent[4_100 * MS]).isFalse();
        assertThat(run.allSent((4_360 - GUARD_MS) * MS, (4_360 + 1_000 + 500) * MS - 1)).isTrue();
        assertThat(run.gate.passedBytes()).isEqualTo((GUARD_MS + 2_020 + 40 + GUARD_MS + 1_000 + 500) * MS);
        assertThat(run.sentInOrder()).isTrue();
        assertEveryVoicedFrameSent("two tones", run.sent, audio, 0, audio.length, speechThreshold(-60), -60);
    }

    @Test
    void figuresSplitWhatWasSentIntoPreRollVoicedAndTail() {
        // the first tone's burst closed by a final 40 ms after its last voiced frame, the second by its 500 ms
        // hang-over; each onset cost the guard
        byte[] audio = twoTones();
        Run run = twoTonesTheFirstMadeFinal(audio);
        SpeechGate.Figures figures = run.gate.figures();
        assertThat(figures.offeredBytes()).isEqualTo(audio.length);
        assertThat(figures.sentBytes()).isEqualTo(run.gate.passedBytes());
        assertThat(figures.onsets()).isEqualTo(2);
        assertThat(figures.earlyCloses()).isEqualTo(1);
        assertThat(figures.preRollBytes()).isEqualTo(2L * GUARD_MS * MS);
        assertThat(figures.tailBytes()).isEqualTo((40 + 500) * MS);
        assertThat(figures.voicedBytes()).isEqualTo((2_020 + 1_000) * MS);
    }

    @Test
    void theTailOfABurstStillOpenCountsWhatWasSentSoFar() {
        Run run = new Run(Signals.concat(Signals.noise(2_040, -60, 1), Signals.tone(2_020, 400, 2000),
                Signals.noise(240, -60, 2)));
        assertThat(run.gate.isOpen()).isTrue();
        // the track ends 240 ms into the hang-over, mid-chunk: all of it was sent
        assertThat(run.gate.figures().tailBytes()).isEqualTo(240 * MS);
        assertThat(run.gate.figures().voicedBytes()).isEqualTo(2_020 * MS);
    }

    @Test
    void withTheGateOffEverythingSentCountsAsVoiced() {
        SpeechGate.Figures figures = new Run(SpeechGate.Settings.OFF, Signals.noise(3_000, -60, 1)).gate.figures();
        assertThat(figures.sentBytes()).isEqualTo(figures.offeredBytes()).isEqualTo(3_000L * MS);
        assertThat(figures.voicedBytes()).isEqualTo(figures.sentBytes());
        assertThat(figures.preRollBytes() + figures.tailBytes() + figures.onsets()).isZero();
    }

    @Test
    void onPairedTracksAFinalEndsOnlyItsOwnTracksHangOver() {
        // both tracks say the tone at the same time (a double-talk); only the caller's recogniser makes it final
        byte[] a = toneAt2040();
        byte[] b = toneAt2040();
        SpeechGate[] gates = new SpeechGate[2];
        long[] passed = new long[2];
        for (int t = 0; t < 2; t++) {
            int track = t;
            gates[t] = new SpeechGate(SpeechGate.Settings.DEFAULT, (chunk, offset, length) -> passed[track] += length);
        }
        gates[0].pairWith(gates[1]);
        List<byte[]> chunksA = Signals.chunks(a, Signals.CHUNK);
        List<byte[]> chunksB = Signals.chunks(b, Signals.CHUNK);
        for (int i = 0; i < chunksA.size(); i++) {
            gates[0].accept(chunksA.get(i));
            gates[1].accept(chunksB.get(i));
            if ((i + 1) * 100 == 4_100) {
                gates[0].utteranceFinalised(TONE_END_SENT);
            }
        }
        assertThat(passed[0]).isEqualTo((GUARD_MS + 2_020 + 40) * MS);
        assertThat(passed[1]).as("the callee's hang-over runs its course").isEqualTo((GUARD_MS + 2_020 + 500) * MS);
        assertThat(gates[0].earlyCloses()).isEqualTo(1);
        assertThat(gates[1].earlyCloses()).isZero();
    }

    @Test
    void aFinalEndsEvenABurstShorterThanTheMinimum() {
        // a lone 100 ms click would be held open for 1.2 s; a final says the recogniser had a result, so no need
        Run run = new Run(SpeechGate.Settings.DEFAULT, Signals.concat(Signals.noise(5_000, -60, 1),
                Signals.tone(100, 1000, 8000), Signals.noise(10_000, -60, 2)), (gate, ms) -> {
            if (ms == 5_200) {
                gate.utteranceFinalised(Duration.ofMillis(300));
            }
        });
        assertThat(run.gate.passedBytes()).isEqualTo((GUARD_MS + 100 + 100) * MS);
    }
}
