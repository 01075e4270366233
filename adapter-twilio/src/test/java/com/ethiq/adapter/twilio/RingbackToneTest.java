package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Language;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** The ringback file decoded as any WAV reader would, then measured: its cadence and its pitch. */
class RingbackToneTest {

    /** A run of 10 ms windows that are all loud, or all silent. */
    record Run(boolean tone, int millis) {
    }

    private static short[] decode(byte[] wav, AudioFormat[] format) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            format[0] = in.getFormat();
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
            }
            return samples;
        }
    }

    private static List<Run> runs(short[] samples) {
        List<Run> runs = new ArrayList<>();
        int window = 80; // 10 ms at 8 kHz
        for (int start = 0; start + window <= samples.length; start += window) {
            double energy = 0;
            for (int i = start; i < start + window; i++) {
                energy += (double) samples[i] * samples[i];
            }
            boolean tone = Math.sqrt(energy / window) > 1000;
            if (!runs.isEmpty() && runs.get(runs.size() - 1).tone() == tone) {
                Run last = runs.remove(runs.size() - 1);
                runs.add(new Run(tone, last.millis() + 10));
            } else {
                runs.add(new Run(tone, 10));
            }
        }
        return runs;
    }

    /** Goertzel power of {@code frequency} over the samples, relative to their total power. */
    private static double share(short[] samples, int from, int to, double frequency) {
        double coeff = 2 * Math.cos(2 * Math.PI * frequency / RingbackTone.SAMPLE_RATE);
        double s1 = 0, s2 = 0, total = 0;
        for (int i = from; i < to; i++) {
            double s = samples[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
            total += (double) samples[i] * samples[i];
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return power / (total * (to - from) / 2);
    }

    @Test
    void theFrenchRingbackIs440HzOneAndAHalfSecondsOnThreeAndAHalfOff() throws Exception {
        AudioFormat[] format = new AudioFormat[1];
        short[] samples = decode(RingbackTone.wavFile(RingbackTone.cadence(Language.FRENCH)), format);

        assertThat(format[0].getSampleRate()).isEqualTo(8000f);
        assertThat(format[0].getChannels()).isEqualTo(1);
        assertThat(format[0].getSampleSizeInBits()).isEqualTo(16);
        assertThat(format[0].getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(samples).hasSize(5 * 8000);

        List<Run> runs = runs(samples);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).tone()).isTrue();
        assertThat(runs.get(0).millis()).isBetween(1480, 1500);  // the 5 ms fades sit at the loudness threshold
        assertThat(runs.get(1).tone()).isFalse();
        assertThat(runs.get(1).millis()).isBetween(3500, 3520);

        // the tone is 440 Hz (nearly all its power), not 480 or 425
        assertThat(share(samples, 800, 8800, 440)).isGreaterThan(0.95);
        assertThat(share(samples, 800, 8800, 480)).isLessThan(0.01);
        assertThat(share(samples, 800, 8800, 425)).isLessThan(0.05);
    }

    @Test
    void theNorthAmericanRingbackIs440Plus480TwoSecondsOnFourOff() throws Exception {
        short[] samples = decode(RingbackTone.wavFile(RingbackTone.cadence(Language.ENGLISH)), new AudioFormat[1]);
        List<Run> runs = runs(samples);
        assertThat(runs).extracting(Run::tone).containsExactly(true, false);
        assertThat(runs.get(0).millis()).isBetween(1980, 2000);
        assertThat(runs.get(1).millis()).isBetween(4000, 4020);
        assertThat(share(samples, 800, 8800, 440) + share(samples, 800, 8800, 480)).isGreaterThan(0.95);
    }

    @Test
    void theFileIsDeterministicAndCallersCannotAlterTheCachedCopy() {
        byte[] first = RingbackTone.wavFile(RingbackTone.FRANCE);
        first[100] ^= 0x7f;
        assertThat(RingbackTone.wavFile(RingbackTone.FRANCE)).isEqualTo(RingbackTone.wav(RingbackTone.FRANCE));
        assertThat(RingbackTone.byName("fr")).contains(RingbackTone.FRANCE);
        assertThat(RingbackTone.byName("xx")).isEmpty();
    }
}
