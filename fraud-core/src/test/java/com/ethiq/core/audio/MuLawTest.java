package com.ethiq.core.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MuLawTest {
    @Test
    void decodingAnEncodedSampleStaysWithinTheSegmentsQuantisationStep() {
        for (int pcm = -32768; pcm <= 32767; pcm += 7) {
            short back = MuLaw.decode(MuLaw.encode((short) pcm));
            int step = Math.max(8, Math.abs(pcm) / 16); // G.711: 4 bits of mantissa per segment
            assertThat(Math.abs(back - Math.max(-32635, Math.min(32635, pcm)))).as("pcm %d", pcm).isLessThanOrEqualTo(step);
        }
    }

    @Test
    void knownCodes() {
        assertThat(MuLaw.decode((byte) 0xFF)).isZero(); // digital silence
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(MuLaw.energy(new byte[] {(byte) 0x80, (byte) 0xFF, 0}, 0, 3)).isEqualTo(2L * 32124 * 32124);
    }

    @Test
    void signChangesCountTheZeroCrossingsOfTheDecodedSamples() {
        byte[] tone = Signals.tone(20, 1_000, 4_000); // 1 kHz: two crossings a millisecond
        int expected = 0;
        for (int i = 1; i < tone.length; i++) {
            if ((MuLaw.decode(tone[i]) < 0) != (MuLaw.decode(tone[i - 1]) < 0)) {
                expected++;
            }
        }
        assertThat(MuLaw.signChanges(tone, 0, tone.length)).isEqualTo(expected).isBetween(38, 40);
        assertThat(MuLaw.signChanges(Signals.silence(20), 0, 160)).isZero();
        assertThat(MuLaw.signChanges(new byte[] {(byte) 0x80, 0, (byte) 0x80, 0}, 1, 3)).isEqualTo(2);
    }

    @Test
    void signChangesEightAtATimeCountAsSampleBySampleAtAnyOffsetAndLength() {
        java.util.Random random = new java.util.Random(3);
        byte[] audio = new byte[400];
        for (int round = 0; round < 200; round++) {
            random.nextBytes(audio);
            int from = random.nextInt(200);
            int length = random.nextInt(200);
            int expected = 0;
            for (int i = from + 1; i < from + length; i++) {
                if ((audio[i] & 0x80) != (audio[i - 1] & 0x80)) {
                    expected++;
                }
            }
            assertThat(MuLaw.signChanges(audio, from, length)).as("from %d, length %d", from, length).isEqualTo(expected);
        }
    }
}
