package com.ethiq.adapter.speech;

import com.ethiq.adapter.speech.fake.FakeSpeechAudio;
import com.ethiq.adapter.speech.fake.FakeSpeechServer;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import com.ethiq.core.port.TenantSecrets;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared test helpers: fast settings, an adapter wired to a fake server, scripted conversations, paced pushing. */
final class SpeechTestKit {
    /** What the media edge pushes: 100 ms of mu-law (it batches five 20 ms Twilio frames). */
    static final int FRAME = 800;
    private static final String[] WORDS = {"bonjour", "madame", "votre", "compte", "banque", "conseiller", "carte",
            "code", "virement", "urgent", "securite", "police", "colis", "livraison", "remboursement", "impots",
            "oui", "non", "attendez", "pourquoi", "merci", "monsieur", "numero", "client", "fraude", "bloque"};

    private SpeechTestKit() {
    }

    /** Production defaults with test-sized waits. */
    static GoogleSpeechSettings.Builder fastSettings() {
        return GoogleSpeechSettings.builder()
                .backoff(new GoogleSpeechSettings.Backoff(Duration.ofMillis(5), Duration.ofMillis(40), 2.0, 6))
                .circuitBreaker(new GoogleSpeechSettings.CircuitBreaker(10_000, Duration.ofSeconds(30)))
                .closeTimeout(Duration.ofSeconds(3));
    }

    static GoogleSpeechTranscriber transcriber(FakeSpeechServer server, GoogleSpeechSettings settings) {
        return transcriber(server, settings, null);
    }

    static GoogleSpeechTranscriber transcriber(FakeSpeechServer server, GoogleSpeechSettings settings, TenantSecrets secrets) {
        return new GoogleSpeechTranscriber(settings, secrets, Clock.systemUTC(), new InProcessTransport(server));
    }

    /**
     * A conversation's lines (unique, in order), its audio (speech and pauses of 1-8 s, about {@code length} long),
     * and where in that audio each line's final result is due (end of its last word + the fake's 400 ms end-of-
     * utterance silence).
     */
    record Script(List<String> lines, byte[] audio, List<Duration> finalAt) {
        Duration duration() {
            return FakeSpeechAudio.duration(audio);
        }
    }

    static final Duration END_OF_UTTERANCE = Duration.ofMillis(400);

    static Script conversation(long seed, String tag, Duration length) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        List<Duration> finalAt = new ArrayList<>();
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        while (audio.size() < length.toMillis() * FakeSpeechAudio.BYTES_PER_MS) {
            StringBuilder line = new StringBuilder(tag).append(' ').append("phrase").append(lines.size());
            int words = 1 + random.nextInt(7);
            for (int w = 0; w < words; w++) {
                line.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            lines.add(line.toString());
            audio.writeBytes(FakeSpeechAudio.say(line.toString()));
            finalAt.add(Duration.ofMillis(audio.size() / FakeSpeechAudio.BYTES_PER_MS).plus(END_OF_UTTERANCE));
            audio.writeBytes(FakeSpeechAudio.silence(Duration.ofMillis(1000 + random.nextInt(7000))));
        }
        return new Script(List.copyOf(lines), audio.toByteArray(), List.copyOf(finalAt));
    }

    /**
     * Pushes audio in 100 ms chunks (as the media edge does) as fast as the adapter sends it: after every {@code stepMillis} of audio, waits
     * until the transcriber's queue is back under {@code queueBound} bytes. Time-compressed, but never faster than
     * the stream can take, like a phone feeding a live call.
     */
    static void pushPaced(GoogleSpeechTranscriber transcriber, TranscriptionStream stream, byte[] audio, int stepMillis,
                          long queueBound) {
        int step = stepMillis * FakeSpeechAudio.BYTES_PER_MS;
        for (int off = 0; off < audio.length; off += FRAME) {
            stream.push(Arrays.copyOfRange(audio, off, Math.min(off + FRAME, audio.length)));
            if ((off + FRAME) % step == 0) {
                awaitQueueBelow(transcriber, queueBound, Duration.ofSeconds(10));
            }
        }
    }

    static void awaitQueueBelow(GoogleSpeechTranscriber transcriber, long bytes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (transcriber.metrics().queuedAudioBytes() > bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("queue stuck at " + transcriber.metrics().queuedAudioBytes() + " bytes");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
