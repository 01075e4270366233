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

    /** Plays audio through a default gate in 100 ms chunks; remembers which samples reached the recogniser, in order. */
    private static final class Run {
        final Map<byte[], Integer> offsets = new IdentityHashMap<>();
        final List<byte[]> received = new ArrayList<>();
        final SpeechGate gate;
        final boolean[] sent;

        Run(SpeechGate.Settings settings, byte[] audio) {
            gate = new SpeechGate(settings, received::add);
            sent = new boolean[audio.length];
            int at = 0;
            for (byte[] chunk : Signals.chunks(audio, Signals.CHUNK)) {
                offsets.put(chunk, at);
                gate.accept(chunk);
                at += chunk.length;
            }
            for (byte[] chunk : received) {
                int from = offsets.get(chunk);
                java.util.Arrays.fill(sent, from, from + chunk.length, true);
            }
        }

        Run(byte[] audio) {
            this(SpeechGate.Settings.DEFAULT, audio);
        }

        double sentSeconds() {
            return gate.passedBytes() / (double) Signals.RATE;
        }

        boolean sentInOrder() {
            int previous = -1;
            for (byte[] chunk : received) {
                int at = offsets.get(chunk);
                if (at <= previous) {
                    return false;
                }
                previous = at;
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
                Signals.voicedSpan(clip, -45));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr-1", "fr-2", "en-1", "en-2"})
    void aSoftTalkerOnANoisyLinePassesWholeAndTheNoiseAroundDoesNot(String name) {
        byte[] clip = Signals.mix(Signals.clip(name), -15, -55, 11);
        byte[] audio = Signals.concat(Signals.noise(4_000, -55, 3), clip, Signals.noise(6_000, -55, 4));
        // voiced: what stands 5 dB over the line noise (the rest of the clip is under it, for a recogniser too)
        Run run = assertSpeechPasses(name, audio, 4_000 * MS, Signals.voicedSpan(clip, -50));
        assertThat(run.sentSeconds()).as("sent around a %.2f s clip", clip.length / 8000.0)
                .isLessThan(clip.length / 8000.0 + 1.0);
    }

    private static Run assertSpeechPasses(String name, byte[] audio, int clipAt, int[] voiced) {
        Run run = new Run(audio);
        assertThat(voiced[0]).isNotNegative();
        int onset = clipAt + voiced[0];
        int offset = clipAt + voiced[1];
        assertThat(run.allSent(onset - 200 * MS, offset + 400 * MS))
                .as("%s: voiced %d..%d ms, sent from 200 ms before to 400 ms after", name, onset / MS, offset / MS).isTrue();
        assertThat(run.sent[Math.max(0, onset - 600 * MS)]).as("nothing long before the onset").isFalse();
        assertThat(run.sentInOrder()).isTrue();
        return run;
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
        SpeechGate gate = new SpeechGate(SpeechGate.Settings.DEFAULT, chunk -> sink[0] += chunk.length);
        for (int warm = 0; warm < 200; warm++) {
            chunks.forEach(gate::accept);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < chunks.size(); i++) {
                gate.accept(chunks.get(i));
            }
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated over %d chunks", 50 * chunks.size()).isLessThan(1024);
        assertThat(sink[0]).isPositive();
    }
}
