package com.ethiq.app.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Speech for lines without a bundled clip, made at run time by espeak-ng and sox exactly as
 * {@code app-javalin/tools/make-speech-clips.sh} makes the bundled ones: one utterance at 160 words a minute, silence
 * trimmed at both ends, tempo fitted to {@value #MILLIS_PER_WORD} ms a word (the simulated recogniser's pace), -3 dB
 * peak, no dither (reproducible: the same line gives the same bytes as the bundled clip with the same tool versions),
 * 8 kHz mu-law. Both programs must be on the PATH ({@link #onPath()}). Thread-safe (each call uses its own
 * temporary files).
 */
public final class SpeechSynthesiser {
    static final int MILLIS_PER_WORD = 300;
    private static final long TIMEOUT_SECONDS = 30;

    private final String espeak;
    private final String sox;

    private SpeechSynthesiser(String espeak, String sox) {
        this.espeak = espeak;
        this.sox = sox;
    }

    /** The synthesiser when both espeak-ng and sox are on the PATH; empty otherwise. */
    public static Optional<SpeechSynthesiser> onPath() {
        Optional<Path> e = which("espeak-ng");
        Optional<Path> s = which("sox");
        return e.isPresent() && s.isPresent() ? Optional.of(new SpeechSynthesiser(e.get().toString(), s.get().toString()))
                : Optional.empty();
    }

    private static Optional<Path> which(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The voice of a track: the caller (inbound) a man's, the protected person (outbound) a woman's. */
    static String voice(String language, String track) {
        boolean english = language != null && language.toLowerCase(Locale.ROOT).startsWith("en");
        boolean caller = "inbound".equals(track);
        return (english ? "en-us" : "fr") + (caller ? "+m3" : "+f2");
    }

    /** Exactly {@code words × 300 ms} of 8 kHz mu-law speech saying {@code text} with this voice. */
    public byte[] synthesise(String voice, String text) throws IOException, InterruptedException {
        String line = String.join(" ", text.strip().split("\\s+"));
        int words = line.split(" ").length;
        int targetBytes = words * MILLIS_PER_WORD * 8;
        Path dir = Files.createTempDirectory("ethiq-speech");
        try {
            Path raw = dir.resolve("raw.wav");
            Path trimmed = dir.resolve("trim.wav");
            Path out = dir.resolve("out.ulaw");
            run(List.of(espeak, "-v", voice, "-s", "160", "-a", "100", "-w", raw.toString(), line));
            run(List.of(sox, raw.toString(), trimmed.toString(), "silence", "1", "0.02", "0.5%", "reverse",
                    "silence", "1", "0.02", "0.5%", "reverse"));
            // the script reads the length with soxi -D (6 decimals) and formats the ratio with 4: the same here
            double natural = Double.parseDouble(String.format(Locale.ROOT, "%.6f", wavSeconds(trimmed)));
            if (natural <= 0) {
                throw new IOException("espeak-ng produced no audio");
            }
            double factor = Math.max(0.3, Math.min(3.0, natural / (words * MILLIS_PER_WORD / 1000.0)));
            run(List.of(sox, "-D", trimmed.toString(), "-r", "8000", "-c", "1", "-t", "ul", out.toString(),
                    "tempo", "-s", String.format(Locale.ROOT, "%.4f", factor), "norm", "-3", "pad", "0", "0.5",
                    "trim", "0", String.format(Locale.ROOT, "%.3f", words * MILLIS_PER_WORD / 1000.0)));
            byte[] audio = Files.readAllBytes(out);
            byte[] exact = Arrays.copyOf(audio, targetBytes); // sox cut it already; a guard (0xFF: mu-law silence)
            if (audio.length < targetBytes) {
                Arrays.fill(exact, audio.length, targetBytes, (byte) 0xFF);
            }
            return exact;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Duration of a PCM WAV file in seconds, from its header (data bytes / byte rate). */
    static double wavSeconds(Path wav) throws IOException {
        byte[] b = Files.readAllBytes(wav);
        if (b.length < 44) {
            return 0;
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int byteRate = 0;
        int at = 12;
        while (at + 8 <= b.length) {
            int size = buf.getInt(at + 4);
            String id = new String(b, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (id.equals("fmt ")) {
                byteRate = buf.getInt(at + 16);
            } else if (id.equals("data")) {
                int data = Math.min(size < 0 ? Integer.MAX_VALUE : size, b.length - at - 8);
                return byteRate == 0 ? 0 : (double) data / byteRate;
            }
            at += 8 + size + (size & 1);
        }
        return 0;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (" + p.exitValue() + "): "
                    + new String(output, java.nio.charset.StandardCharsets.UTF_8).strip());
        }
    }
}
