package com.ethiq.core.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test audio, 8 kHz mu-law: the bundled espeak-ng speech clips (README next to them), tones, line noise, silence. */
public final class Signals {
    public static final int RATE = 8000;
    /** The media edge's chunk: 5 Twilio frames, 100 ms. */
    public static final int CHUNK = 800;
    private static final byte SILENCE = (byte) 0xFF;

    private Signals() {
    }

    /** A bundled clip: fr-1, fr-2, en-1, en-2. */
    public static byte[] clip(String name) {
        try (InputStream in = Signals.class.getResourceAsStream("/com/ethiq/core/audio/" + name + ".ulaw")) {
            if (in == null) {
                throw new IllegalArgumentException("no clip " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] silence(int millis) {
        byte[] b = new byte[millis * RATE / 1000];
        java.util.Arrays.fill(b, SILENCE);
        return b;
    }

    public static byte[] tone(int millis, double hz, int amplitude) {
        byte[] b = new byte[millis * RATE / 1000];
        for (int i = 0; i < b.length; i++) {
            b[i] = encode((int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE)));
        }
        return b;
    }

    /** Gaussian line noise at the given RMS level in dBFS (full scale 32 767). */
    public static byte[] noise(int millis, double dbfs, long seed) {
        Random random = new Random(seed);
        double rms = 32767 * Math.pow(10, dbfs / 20);
        byte[] b = new byte[millis * RATE / 1000];
        for (int i = 0; i < b.length; i++) {
            b[i] = encode((int) Math.round(random.nextGaussian() * rms));
        }
        return b;
    }

    /** {@code clip} scaled by {@code gainDb} and mixed with line noise at {@code noiseDbfs}. */
    public static byte[] mix(byte[] clip, double gainDb, double noiseDbfs, long seed) {
        Random random = new Random(seed);
        double gain = Math.pow(10, gainDb / 20);
        double rms = 32767 * Math.pow(10, noiseDbfs / 20);
        byte[] b = new byte[clip.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = encode((int) Math.round(MuLaw.decode(clip[i]) * gain + random.nextGaussian() * rms));
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Cuts audio into fresh chunks of {@code size} bytes (the last may be shorter), as the media edge delivers it. */
    public static List<byte[]> chunks(byte[] audio, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < audio.length; at += size) {
            out.add(java.util.Arrays.copyOfRange(audio, at, Math.min(audio.length, at + size)));
        }
        return out;
    }

    /** First and last sample index of the 10 ms windows louder than {@code dbfs} RMS: where the clip is voiced. */
    public static int[] voicedSpan(byte[] audio, double dbfs) {
        int window = RATE / 100;
        double limit = Math.pow(32767 * Math.pow(10, dbfs / 20), 2) * window;
        int first = -1;
        int last = -1;
        for (int at = 0; at + window <= audio.length; at += window) {
            long energy = 0;
            for (int i = at; i < at + window; i++) {
                long s = MuLaw.decode(audio[i]);
                energy += s * s;
            }
            if (energy >= limit) {
                if (first < 0) {
                    first = at;
                }
                last = at + window - 1;
            }
        }
        return new int[] {first, last};
    }

    /** G.711 mu-law encoding of a linear sample (clipped to 16 bits). */
    public static byte encode(int pcm) {
        int sample = Math.max(-32768, Math.min(32767, pcm));
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > 32635) {
            sample = 32635;
        }
        sample += 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
