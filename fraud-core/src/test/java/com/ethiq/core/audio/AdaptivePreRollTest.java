package com.ethiq.core.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The speech gate's adaptive pre-roll (Rabiner and Sambur's double threshold): from the onset frame back over the held
 * frames that stay over the low threshold, plus a guard, at most the configured pre-roll. A quiet fricative before a
 * vowel goes out whole; line noise or silence before a vowel costs only the guard.
 */
class AdaptivePreRollTest {
    private static final int MS = Signals.RATE / 1000;
    private static final int GUARD = SpeechGate.GUARD_BYTES;
    /** The vowel: the simulator's voice, a 400 Hz tone at amplitude 2000 (≈ -27 dBFS). */
    private static final double VOWEL_DBFS = 20 * Math.log10(2000 / Math.sqrt(2) / 32767);

    /** What the gate sent of {@code audio}, played in chunks of {@code chunk} bytes. */
    private record Played(SpeechGate gate, boolean[] sent) {
        int firstSent() {
            for (int i = 0; i < sent.length; i++) {
                if (sent[i]) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static Played play(SpeechGate.Settings settings, byte[] audio, int chunk) {
        Map<byte[], Integer> offsets = new IdentityHashMap<>();
        boolean[] sent = new boolean[audio.length];
        SpeechGate gate = new SpeechGate(settings, (array, offset, length) -> {
            int from = offsets.get(array) + offset;
            java.util.Arrays.fill(sent, from, from + length, true);
        });
        int at = 0;
        for (byte[] c : Signals.chunks(audio, chunk)) {
            offsets.put(c, at);
            gate.accept(c);
            at += c.length;
        }
        return new Played(gate, sent);
    }

    private static Played play(byte[] audio) {
        return play(SpeechGate.Settings.DEFAULT, audio, Signals.CHUNK);
    }

    /**
     * An unvoiced fricative as the gate sees it: Gaussian noise through a second difference (most of its energy from
     * 2 to 4 kHz, like "s", and twice as many zero crossings as white noise), at {@code dbfs} RMS, over line noise.
     */
    private static byte[] fricative(int millis, double dbfs, double noiseDbfs, long seed) {
        Random random = new Random(seed);
        int n = millis * MS;
        double[] x = new double[n + 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double scale = 32767 * Math.pow(10, dbfs / 20) / Math.sqrt(6); // the second difference has 6x the power
        double noise = 32767 * Math.pow(10, noiseDbfs / 20);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            double hiss = (x[i + 2] - 2 * x[i + 1] + x[i]) * scale;
            out[i] = Signals.encode((int) Math.round(hiss + random.nextGaussian() * noise));
        }
        return out;
    }

    /** A vowel (the tone) over line noise. */
    private static byte[] vowel(int millis, double noiseDbfs, long seed) {
        return Signals.mix(Signals.tone(millis, 400, 2000), 0, noiseDbfs, seed);
    }

    private static void assertAllSent(Played p, int from, int to, String what) {
        for (int i = from; i < to; i++) {
            assertThat(p.sent()[i]).as("%s: byte %d (%d ms) not sent", what, i, i / MS).isTrue();
        }
    }

    @ParameterizedTest(name = "line noise {0} dBFS, fricative {1} dB under the vowel, {2} ms")
    @CsvSource({"-58, 22, 60", "-58, 22, 150", "-62, 25, 100", "-62, 25, 150", "-200, 25, 120"})
    void aQuietFricativeBeforeTheVowelIsSentWholeWithTheGuard(double noiseDbfs, double under, int burstMs) {
        double hissDbfs = VOWEL_DBFS - under;
        byte[] hiss = fricative(burstMs, hissDbfs, noiseDbfs, 5);
        // the burst alone is under the onset threshold: without the walk-back it would be lost
        Played alone = play(Signals.concat(Signals.noise(2_000, noiseDbfs, 1), hiss, Signals.noise(2_000, noiseDbfs, 2)));
        assertThat(alone.gate().onsets()).as("the fricative alone opens the gate").isZero();

        int burstAt = 2_000 * MS; // on a frame boundary; the vowel starts mid-frame after 150 ms
        int vowelAt = burstAt + hiss.length;
        int onsetFrame = vowelAt / SpeechGate.FRAME * SpeechGate.FRAME; // the frame the vowel rises in
        byte[] audio = Signals.concat(Signals.noise(2_000, noiseDbfs, 1), hiss, vowel(1_000, noiseDbfs, 3),
                Signals.noise(2_000, noiseDbfs, 4));
        Played p = play(audio);
        assertThat(p.gate().onsets()).isEqualTo(1);
        assertAllSent(p, burstAt - GUARD, vowelAt + 1_000 * MS, "fricative, guard and vowel");
        assertThat(p.firstSent()).as("the pre-roll starts a guard before the fricative").isEqualTo(burstAt - GUARD);
        assertThat(p.gate().preRolledBytes()).as("sent before the onset frame").isEqualTo(onsetFrame - burstAt + GUARD);
    }

    @ParameterizedTest(name = "{0} dBFS before the vowel")
    @ValueSource(doubles = {-200, -65, -58, -50, -45})
    void aVowelAfterLineNoiseOrSilenceHasOnlyTheGuard(double noiseDbfs) {
        int vowelAt = 3_000 * MS;
        Played p = play(Signals.concat(Signals.noise(3_000, noiseDbfs, 1), vowel(1_500, noiseDbfs, 2),
                Signals.noise(3_000, noiseDbfs, 3)));
        assertThat(p.gate().onsets()).isEqualTo(1);
        assertThat(p.firstSent()).isEqualTo(vowelAt - GUARD);
        assertThat(p.gate().preRolledBytes()).as("160 ms less than the fixed 200 ms").isEqualTo(GUARD);
        assertAllSent(p, vowelAt - GUARD, vowelAt + 1_500 * MS, "guard and vowel");
    }

    @Test
    void aVowelStartingMidFrameTakesTheFrameItRisesInAndTheGuard() {
        // the tone starts 70 ms into a 100 ms chunk, i.e. 10 ms into a frame: that frame is half vowel, over the
        // low threshold (and maybe the onset itself); the guard goes before it
        int vowelAt = 3_070 * MS;
        Played p = play(Signals.concat(Signals.noise(3_070, -58, 1), vowel(1_500, -58, 2), Signals.noise(3_000, -58, 3)));
        int frameStart = vowelAt / SpeechGate.FRAME * SpeechGate.FRAME;
        assertThat(p.firstSent()).isEqualTo(frameStart - GUARD);
        assertAllSent(p, frameStart - GUARD, vowelAt + 1_500 * MS, "guard and vowel");
    }

    @ParameterizedTest(name = "maximum {0} ms")
    @ValueSource(ints = {200, 100, 20})
    void theConfiguredPreRollIsTheMaximum(int maxMs) {
        // 400 ms of fricative before the vowel: the walk-back would go on, the maximum stops it
        byte[] hiss = fricative(400, VOWEL_DBFS - 22, -58, 5);
        int vowelAt = 2_000 * MS + hiss.length;
        byte[] audio = Signals.concat(Signals.noise(2_000, -58, 1), hiss, vowel(1_000, -58, 3), Signals.noise(2_000, -58, 4));
        SpeechGate.Settings settings = new SpeechGate.Settings(true, Duration.ofMillis(maxMs), Duration.ofMillis(500),
                Duration.ofMillis(150));
        Played p = play(settings, audio, Signals.CHUNK);
        assertThat(p.firstSent()).isEqualTo(vowelAt - maxMs * MS);
        assertThat(p.gate().preRolledBytes()).isEqualTo(maxMs * MS);
        assertAllSent(p, vowelAt - maxMs * MS, vowelAt + 1_000 * MS, "pre-roll and vowel");
    }

    @Test
    void noPreRollConfiguredSendsFromTheOnsetFrame() {
        Played p = play(new SpeechGate.Settings(true, Duration.ZERO, Duration.ofMillis(500)),
                Signals.concat(Signals.noise(2_000, -58, 1), vowel(1_000, -58, 2), Signals.noise(2_000, -58, 3)), Signals.CHUNK);
        assertThat(p.firstSent()).isEqualTo(2_000 * MS);
        assertThat(p.gate().preRolledBytes()).isZero();
    }

    @Test
    void chunksShorterThanAFrameNeverShortenThePreRoll() {
        // 50-byte chunks make 50-byte frames: the frames held cover less than the pre-roll, so a walk that reaches the
        // oldest one still over the low threshold sends the whole maximum rather than guess
        byte[] hiss = fricative(150, VOWEL_DBFS - 22, -58, 5);
        int burstAt = 2_000 * MS;
        int vowelAt = burstAt + hiss.length;
        Played p = play(SpeechGate.Settings.DEFAULT, Signals.concat(Signals.noise(2_000, -58, 1), hiss,
                vowel(1_000, -58, 3), Signals.noise(2_000, -58, 4)), 50);
        assertAllSent(p, burstAt - GUARD, vowelAt + 1_000 * MS, "fricative, guard and vowel");
        assertThat(p.gate().preRolledBytes()).isBetween((long) hiss.length + GUARD, 200L * MS);
    }

    @Test
    void aFricativeHardlyOverAHumIsFoundByItsZeroCrossings() {
        // low-pitched line noise (hum-like: white noise through a one-pole low-pass, ~33 crossings a frame) and a
        // fricative at half its power: the frames are only ~1.8 dB louder on average, most under the 4 dB low
        // threshold, but they cross zero 15-50 times a frame more than the noise
        double humDbfs = -52;
        int burstMs = 120;
        byte[] before = hum(3_000, humDbfs, 0, 1);
        byte[] burst = hum(burstMs, humDbfs, humDbfs - 3, 2);
        byte[] lowBurst = hum(burstMs, humDbfs + 1.8, 0, 2); // the same loudness, no more crossings than the hum
        int burstAt = 3_000 * MS;
        int vowelAt = burstAt + burst.length;
        Played hiss = play(Signals.concat(before, burst, Signals.mix(Signals.tone(1_000, 400, 2000), 0, -200, 0),
                hum(2_000, humDbfs, 0, 3)));
        assertAllSent(hiss, burstAt - GUARD, vowelAt + 1_000 * MS, "fricative over hum, guard and vowel");
        assertThat(hiss.gate().preRolledBytes()).isEqualTo(burst.length + GUARD);

        Played low = play(Signals.concat(before, lowBurst, Signals.mix(Signals.tone(1_000, 400, 2000), 0, -200, 0),
                hum(2_000, humDbfs, 0, 3)));
        assertThat(low.gate().preRolledBytes()).as("as loud but without the crossings: not walked over")
                .isLessThan(burst.length / 2 + GUARD);
    }

    /**
     * Low-pitched noise at {@code dbfs} (white noise through a one-pole low-pass, coefficient 0.8), plus, if
     * {@code hissDbfs} is not 0, a fricative at that level.
     */
    private static byte[] hum(int millis, double dbfs, double hissDbfs, long seed) {
        Random random = new Random(seed);
        int n = millis * MS;
        double a = 0.8;
        double scale = 32767 * Math.pow(10, dbfs / 20) * Math.sqrt(1 - a * a);
        double hissScale = hissDbfs == 0 ? 0 : 32767 * Math.pow(10, hissDbfs / 20) / Math.sqrt(6);
        double y = 0;
        double x1 = 0;
        double x2 = 0;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            y = a * y + random.nextGaussian() * scale;
            double x = random.nextGaussian();
            double hiss = (x - 2 * x1 + x2) * hissScale;
            x2 = x1;
            x1 = x;
            out[i] = Signals.encode((int) Math.round(y + hiss));
        }
        return out;
    }
}
