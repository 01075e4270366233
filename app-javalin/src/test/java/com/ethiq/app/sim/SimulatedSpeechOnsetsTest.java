package com.ethiq.app.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.audio.MuLaw;
import com.ethiq.core.audio.SpeechGate;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * No espeak-ng line of the simulator loses its first phoneme to the speech gate's adaptive pre-roll: every bundled
 * script's two tracks are built exactly as the simulator builds them ({@link CallAudio}: each clip over -58 dBFS line
 * noise, the other side line noise, the brisk pauses of {@code Pacing.DEFAULT}) and fed, 100 ms at a time as the media
 * edge delivers, to the two paired gates of a call (the gates {@code SpeechGatedSimulationTest} exercises over the
 * real WebSocket). For every line, the clip's first sample that stands out of the line noise must be among the bytes
 * sent, and so must every frame loud enough for the recogniser to count it as speech.
 */
class SimulatedSpeechOnsetsTest {
    private static final int FRAME = CallAudio.FRAME;
    /** 100 ms: the media edge's chunk. */
    private static final int CHUNK = 5 * FRAME;
    /** The scripted recogniser's speech threshold: 40 dB over one 16-bit step (≈ -50 dBFS). */
    private static final double SPEECH_DB = 40;
    private static final double NOISE_DBFS = -58;

    /** One line said on a track: where its clip starts, and the clip as synthesised (before line noise). */
    private record Line(String script, int index, int track, int at, byte[] clip) {
    }

    /** Which bytes of each track the gates sent, their onsets and the pre-roll they sent before them. */
    private record Gated(boolean[][] sent, long onsets, long preRolledBytes) {
    }

    @Test
    void everyLinesFirstAudibleSampleAndEverySpeechFrameReachTheRecogniser() {
        SpeechClips clips = SpeechClips.bundledOnly();
        SoftAssertions softly = new SoftAssertions();
        long onsets = 0;
        long preRolled = 0;
        int lines = 0;
        for (CallScript script : CallScript.bundled()) {
            CallAudio audio = new CallAudio(CallSimulator.Audio.SPEECH, clips, script.language(), script.id().hashCode());
            Random pauses = new Random(script.id().hashCode());
            ByteArrayOutputStream[] tracks = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
            byte[][] frame = {new byte[FRAME], new byte[FRAME]};
            List<Line> said = new ArrayList<>();
            quiet(audio, tracks, frame, 1_000);
            for (int k = 0; k < script.turns().size(); k++) {
                CallScript.Turn turn = script.turns().get(k);
                byte[] sound = audio.soundOf(turn, 0);
                int track = turn.track().equals("inbound") ? 0 : 1;
                said.add(new Line(script.id(), k, track, tracks[track].size(), sound));
                audio.start(turn.track(), sound);
                boolean ended = false;
                while (!ended) {
                    ended = audio.next(frame[0], frame[1]);
                    tracks[0].writeBytes(frame[0]);
                    tracks[1].writeBytes(frame[1]);
                }
                quiet(audio, tracks, frame, CallSimulator.Pacing.DEFAULT.gapBetweenTurns().toMillis() + pauses.nextInt(900));
            }
            Gated gated = sendThroughPairedGates(tracks[0].toByteArray(), tracks[1].toByteArray());
            boolean[][] sent = gated.sent();
            byte[][] heard = {tracks[0].toByteArray(), tracks[1].toByteArray()};
            for (Line line : said) {
                lines++;
                int first = line.at() + firstAudibleSample(line.clip());
                softly.assertThat(sent[line.track()][first])
                        .as("%s line %d: first audible sample (%d ms into the clip) sent", line.script(), line.index(),
                                (first - line.at()) / 8)
                        .isTrue();
                for (int f = line.at() / FRAME * FRAME; f < line.at() + line.clip().length; f += FRAME) {
                    if (levelDb(heard[line.track()], f) >= SPEECH_DB) {
                        softly.assertThat(sent[line.track()][f]).as("%s line %d: speech frame at %d ms sent",
                                line.script(), line.index(), (f - line.at()) / 8).isTrue();
                    }
                }
            }
            onsets += gated.onsets();
            preRolled += gated.preRolledBytes();
        }
        System.out.printf("simulated lines: %d, gate onsets %d, pre-roll sent %.1f s in all (%.0f ms per onset)%n",
                lines, onsets, preRolled / 8000.0, preRolled / 8.0 / Math.max(1, onsets));
        assertThat(lines).isGreaterThanOrEqualTo(36);
        softly.assertAll();
    }

    /** What the two paired gates of a call send of each track, chunk by chunk, one track then the other. */
    private static Gated sendThroughPairedGates(byte[] caller, byte[] callee) {
        byte[][] tracks = {caller, callee};
        boolean[][] sent = {new boolean[caller.length], new boolean[callee.length]};
        List<Map<byte[], Integer>> offsets = List.of(new IdentityHashMap<>(), new IdentityHashMap<>());
        SpeechGate[] gates = new SpeechGate[2];
        for (int t = 0; t < 2; t++) {
            int track = t;
            gates[t] = new SpeechGate(SpeechGate.Settings.DEFAULT, (chunk, offset, length) -> {
                int from = offsets.get(track).get(chunk) + offset;
                java.util.Arrays.fill(sent[track], from, from + length, true);
            });
        }
        gates[0].pairWith(gates[1]);
        for (int at = 0; at < caller.length; at += CHUNK) {
            for (int t = 0; t < 2; t++) {
                byte[] chunk = java.util.Arrays.copyOfRange(tracks[t], at, Math.min(tracks[t].length, at + CHUNK));
                offsets.get(t).put(chunk, at);
                gates[t].accept(chunk);
            }
        }
        return new Gated(sent, gates[0].onsets() + gates[1].onsets(),
                gates[0].preRolledBytes() + gates[1].preRolledBytes());
    }

    private static void quiet(CallAudio audio, ByteArrayOutputStream[] tracks, byte[][] frame, long millis) {
        for (long ms = 0; ms < millis; ms += 20) {
            audio.next(frame[0], frame[1]);
            tracks[0].writeBytes(frame[0]);
            tracks[1].writeBytes(frame[1]);
        }
    }

    /** The first 5 ms window of the clip (as synthesised) whose RMS reaches the line noise's: where its first phoneme is heard. */
    private static int firstAudibleSample(byte[] clip) {
        int window = 40;
        double rms = 32767 * Math.pow(10, NOISE_DBFS / 20);
        for (int at = 0; at + window <= clip.length; at += window) {
            if (MuLaw.energy(clip, at, window) >= rms * rms * window) {
                return at;
            }
        }
        throw new AssertionError("a clip without audio");
    }

    private static double levelDb(byte[] track, int at) {
        int n = Math.min(FRAME, track.length - at);
        return 10 * Math.log10((double) MuLaw.energy(track, at, n) / n + 1);
    }
}
