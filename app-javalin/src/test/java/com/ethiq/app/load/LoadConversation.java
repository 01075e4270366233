package com.ethiq.app.load;

import com.ethiq.app.sim.SpeechClips;
import com.ethiq.core.audio.MuLaw;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * The audio of a load-test call, as {@link AutoScriptingTranscriber} scripts it: the caller says its lines (the first
 * legit line, the scam lines on a scam call, then the legit lines over and over), the protected person answers each
 * one ({@code ANSWERS} in turn), with pauses of 0.6-1.5 s between turns, both tracks over -58 dBFS line noise; speech
 * from the espeak-ng clips in {@code src/test/resources/com/ethiq/app/load/speech} (made by
 * {@code tools/make-speech-clips.sh}). Built once per kind of call and shared by every stream: each 20 ms frame is kept
 * as its base64 payload, so sending speech costs the generator no more than sending silence. Immutable.
 */
final class LoadConversation {
    static final String CLIPS = "/com/ethiq/app/load/speech/";
    private static final int FRAME = 160;
    private static final double NOISE_RMS = 32768 * Math.pow(10, -58 / 20.0);
    private static volatile LoadConversation scam;
    private static volatile LoadConversation legit;

    private final byte[][] inbound;
    private final byte[][] outbound;
    /** Frames before the part that repeats. */
    private final int introFrames;

    private LoadConversation(byte[][] inbound, byte[][] outbound, int introFrames) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.introFrames = introFrames;
    }

    static LoadConversation of(boolean isScam) {
        LoadConversation c = isScam ? scam : legit;
        if (c == null) {
            synchronized (LoadConversation.class) {
                c = isScam ? scam : legit;
                if (c == null) {
                    c = build(isScam);
                    if (isScam) {
                        scam = c;
                    } else {
                        legit = c;
                    }
                }
            }
        }
        return c;
    }

    /** The base64 payload of frame {@code index} (0 = the first 20 ms of the call) of one track. */
    byte[] payload(boolean inboundTrack, long index) {
        int i = index < introFrames ? (int) index : introFrames + (int) ((index - introFrames) % (inbound.length - introFrames));
        return inboundTrack ? inbound[i] : outbound[i];
    }

    int frames() {
        return inbound.length;
    }

    /** Frames before the part that repeats. */
    int introFrames() {
        return introFrames;
    }

    private static LoadConversation build(boolean isScam) {
        SpeechClips clips = SpeechClips.of(LoadConversation.class, CLIPS);
        Random random = new Random(isScam ? 17 : 11);
        List<String> introCaller = new ArrayList<>();
        introCaller.add(AutoScriptingTranscriber.LEGIT.get(0));
        if (isScam) {
            introCaller.addAll(AutoScriptingTranscriber.SCAM);
        }
        Tracks t = new Tracks(random);
        t.quiet(1000);
        int answer = 0;
        for (String line : introCaller) {
            t.say(true, clip(clips, "inbound", line));
            t.quiet(pause(random));
            t.say(false, clip(clips, "outbound", AutoScriptingTranscriber.ANSWERS.get(answer++ % 5)));
            t.quiet(pause(random));
        }
        int intro = t.frames();
        for (String line : AutoScriptingTranscriber.LEGIT) { // the repeating part: five caller lines, five answers
            t.say(true, clip(clips, "inbound", line));
            t.quiet(pause(random));
            t.say(false, clip(clips, "outbound", AutoScriptingTranscriber.ANSWERS.get(answer++ % 5)));
            t.quiet(pause(random));
        }
        return new LoadConversation(t.encoded(t.in), t.encoded(t.out), intro);
    }

    private static int pause(Random random) {
        return 600 + random.nextInt(900);
    }

    private static byte[] clip(SpeechClips clips, String track, String line) {
        return clips.clip("fr", track, line).orElseThrow(() -> new IllegalStateException(
                "no clip for the load line '" + line + "' in " + CLIPS + ": run app-javalin/tools/make-speech-clips.sh"));
    }

    /** Both tracks being written, frame-aligned (each segment padded to whole 20 ms frames). */
    private static final class Tracks {
        final ByteArrayOutputStream in = new ByteArrayOutputStream();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Random random;

        Tracks(Random random) {
            this.random = random;
        }

        void quiet(int millis) {
            int n = frames(millis * 8);
            noise(in, n);
            noise(out, n);
        }

        void say(boolean caller, byte[] speech) {
            int n = frames(speech.length);
            ByteArrayOutputStream speaking = caller ? in : out;
            for (int i = 0; i < n; i++) {
                double noise = random.nextGaussian() * NOISE_RMS;
                int s = i < speech.length ? MuLaw.decode(speech[i]) : 0;
                speaking.write(MuLaw.encode((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s + Math.round(noise)))));
            }
            noise(caller ? out : in, n);
        }

        int frames() {
            return in.size() / FRAME;
        }

        private void noise(ByteArrayOutputStream track, int n) {
            for (int i = 0; i < n; i++) {
                track.write(MuLaw.encode((short) Math.round(random.nextGaussian() * NOISE_RMS)));
            }
        }

        private static int frames(int bytes) {
            return (bytes + FRAME - 1) / FRAME * FRAME;
        }

        byte[][] encoded(ByteArrayOutputStream track) {
            byte[] all = track.toByteArray();
            byte[][] frames = new byte[all.length / FRAME][];
            for (int f = 0; f < frames.length; f++) {
                byte[] frame = java.util.Arrays.copyOfRange(all, f * FRAME, (f + 1) * FRAME);
                frames[f] = Base64.getEncoder().encodeToString(frame).getBytes(StandardCharsets.US_ASCII);
            }
            return frames;
        }
    }
}
