package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.Language;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The ringback tone a caller hears while the protected person's phone rings: one cadence cycle (tone, then silence)
 * as a WAV file (16-bit PCM, 8 kHz, mono: what a phone line carries, and a format Twilio's {@code <Play>} takes),
 * generated in code so it is deterministic and needs no binary in the repository. The conference's wait document
 * loops it. The cadence follows the account's country, told by its language: French accounts get France's (440 Hz,
 * 1.5 s on, 3.5 s off); English ones North America's (440 + 480 Hz, 2 s on, 4 s off). Thread-safe; files are built once.
 */
public final class RingbackTone {
    public static final int SAMPLE_RATE = 8000;
    /** 5 ms fade in and out of each tone burst: no click at the edges. */
    static final int RAMP_SAMPLES = 40;
    /** About -10 dBFS per tone: a comfortable level on a phone line. */
    static final double AMPLITUDE = 0.3;

    /** Tone frequencies (summed) and the on/off cadence of one cycle. */
    public record Cadence(String name, List<Double> frequencies, Duration on, Duration off) {
        public Cadence {
            Objects.requireNonNull(name, "'name' must not be null");
            frequencies = List.copyOf(frequencies);
            if (frequencies.isEmpty() || on.isNegative() || on.isZero() || off.isNegative()) {
                throw new IllegalArgumentException("a cadence needs a tone and a positive on time");
            }
        }

        public Duration cycle() {
            return on.plus(off);
        }
    }

    /** France: 440 Hz, 1.5 s on, 3.5 s off (the cadence issue 21 asks for; national tones are listed in ITU-T E.180 Suppl. 2). */
    public static final Cadence FRANCE = new Cadence("fr", List.of(440.0), Duration.ofMillis(1500), Duration.ofMillis(3500));
    /** North America (the "precise tone plan" audible ringing): 440 + 480 Hz, 2 s on, 4 s off. */
    public static final Cadence NORTH_AMERICA = new Cadence("us", List.of(440.0, 480.0), Duration.ofSeconds(2), Duration.ofSeconds(4));

    private static final byte[] FRANCE_WAV = wav(FRANCE);
    private static final byte[] NORTH_AMERICA_WAV = wav(NORTH_AMERICA);

    private RingbackTone() {
    }

    /** The cadence of an account's country, told by its language. */
    public static Cadence cadence(Language language) {
        return switch (Objects.requireNonNull(language, "'language' must not be null")) {
            case FRENCH -> FRANCE;
            case ENGLISH -> NORTH_AMERICA;
        };
    }

    /** The cadence named {@code name} ("fr", "us"), if it is one of ours. */
    public static java.util.Optional<Cadence> byName(String name) {
        return FRANCE.name().equals(name) ? java.util.Optional.of(FRANCE)
                : NORTH_AMERICA.name().equals(name) ? java.util.Optional.of(NORTH_AMERICA) : java.util.Optional.empty();
    }

    /** One cycle of the cadence as a WAV file (a copy: callers may not change the cached bytes). */
    public static byte[] wavFile(Cadence cadence) {
        if (cadence.equals(FRANCE)) {
            return FRANCE_WAV.clone();
        }
        if (cadence.equals(NORTH_AMERICA)) {
            return NORTH_AMERICA_WAV.clone();
        }
        return wav(cadence);
    }

    static byte[] wav(Cadence cadence) {
        int on = (int) (cadence.on().toMillis() * SAMPLE_RATE / 1000);
        int total = (int) (cadence.cycle().toMillis() * SAMPLE_RATE / 1000);
        byte[] pcm = new byte[total * 2];
        double perTone = AMPLITUDE / cadence.frequencies().size();
        for (int i = 0; i < on; i++) {
            double t = (double) i / SAMPLE_RATE;
            double v = 0;
            for (double f : cadence.frequencies()) {
                v += perTone * Math.sin(2 * Math.PI * f * t);
            }
            double ramp = Math.min(1.0, Math.min(i, on - 1 - i) / (double) RAMP_SAMPLES);
            int sample = (int) Math.round(v * ramp * Short.MAX_VALUE);
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + pcm.length);
        ascii(out, "RIFF");
        int32(out, 36 + pcm.length);
        ascii(out, "WAVE");
        ascii(out, "fmt ");
        int32(out, 16);
        int16(out, 1);                 // PCM
        int16(out, 1);                 // mono
        int32(out, SAMPLE_RATE);
        int32(out, SAMPLE_RATE * 2);   // byte rate
        int16(out, 2);                 // block align
        int16(out, 16);                // bits per sample
        ascii(out, "data");
        int32(out, pcm.length);
        out.writeBytes(pcm);
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
    }

    private static void int16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
    }
}
