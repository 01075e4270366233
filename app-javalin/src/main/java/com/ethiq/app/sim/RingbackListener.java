package com.ethiq.app.sim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * What a caller hears in a ringback file, measured rather than assumed: reads a 16-bit PCM WAV (the format the node
 * serves), splits it into 10 ms windows, and reports the tone's length, the silence's length and the tone's main
 * frequency (from zero crossings). Used by the simulator to print "what the caller heard".
 */
final class RingbackListener {
    private RingbackListener() {
    }

    /** e.g. "ringback 440 Hz, 1.5 s on / 3.5 s off"; or why the file could not be read. */
    static String describe(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 44 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            return "unreadable audio (not a WAV file)";
        }
        int rate = b.getInt(24);
        int bits = b.getShort(34);
        int pos = 12;
        int dataStart = -1;
        int dataLength = 0;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x61746164) { // "data"
                dataStart = pos + 8;
                dataLength = Math.min(size, wav.length - dataStart);
                break;
            }
            pos += 8 + size + (size & 1);
        }
        if (dataStart < 0 || bits != 16 || rate <= 0) {
            return "unreadable audio (expected 16-bit PCM)";
        }
        int samples = dataLength / 2;
        int window = Math.max(1, rate / 100);
        long onMs = 0;
        long offMs = 0;
        int crossings = 0;
        int toneSamples = 0;
        short previous = 0;
        for (int start = 0; start + window <= samples; start += window) {
            double energy = 0;
            for (int i = start; i < start + window; i++) {
                short s = b.getShort(dataStart + 2 * i);
                energy += (double) s * s;
            }
            boolean tone = Math.sqrt(energy / window) > 1000;
            if (tone) {
                onMs += 10;
                for (int i = start; i < start + window; i++) {
                    short s = b.getShort(dataStart + 2 * i);
                    if ((previous < 0) != (s < 0)) {
                        crossings++;
                    }
                    previous = s;
                    toneSamples++;
                }
            } else {
                offMs += 10;
            }
        }
        if (toneSamples == 0) {
            return "silence";
        }
        long hz = Math.round(crossings / 2.0 / ((double) toneSamples / rate));
        return String.format(Locale.ROOT, "ringback ~%d Hz, %.1f s on / %.1f s off, looped", hz, onMs / 1000.0, offMs / 1000.0);
    }
}
