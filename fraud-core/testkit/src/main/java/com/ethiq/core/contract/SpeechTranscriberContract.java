package com.ethiq.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.SpeechTranscriber.TranscriptListener;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionFailure;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionRequest;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SpeechTranscriber} must do, whatever recognises the speech. Subclasses supply the transcriber
 * and a way to make a track "say" lines: {@link #speak} arranges for the lines to be recognised on that track and
 * returns the 8 kHz mu-law audio the phone would send while saying them (ending with enough silence for the last
 * line to be final).
 */
public abstract class SpeechTranscriberContract {
    /** Twilio's frame: 20 ms of 8 kHz mu-law. */
    public static final int FRAME_BYTES = 160;

    protected SpeechTranscriber transcriber;

    protected abstract SpeechTranscriber create();

    protected abstract byte[] speak(SpeechTranscriber transcriber, CallSid callSid, Speaker speaker, List<String> lines);

    /** Releases what {@link #create} built (threads, servers). */
    protected void dispose(SpeechTranscriber transcriber) {
    }

    protected Duration timeout() {
        return Duration.ofSeconds(15);
    }

    @BeforeEach
    void createTranscriber() {
        transcriber = create();
    }

    @AfterEach
    void disposeTranscriber() {
        dispose(transcriber);
    }

    @Test
    void segmentsCarryTheSpeakerOfTheRequest() {
        for (Speaker speaker : Speaker.values()) {
            CallSid call = newCallSid();
            List<String> lines = List.of("bonjour madame", "ici votre banque");
            Recorder recorder = new Recorder();
            TranscriptionStream stream = transcriber.open(request(call, speaker), recorder);
            pushFrames(stream, speak(transcriber, call, speaker, lines));
            stream.close();
            recorder.awaitClosed(timeout());

            assertThat(recorder.segments()).isNotEmpty().allSatisfy(s -> assertThat(s.speaker()).isEqualTo(speaker));
            assertThat(recorder.finalTexts()).containsExactlyElementsOf(lines);
        }
    }

    @Test
    void finalsArriveInOrderWithIncreasingIndexesAndOffsets() {
        CallSid call = newCallSid();
        List<String> lines = List.of("allo", "je vous appelle du service fraude", "votre compte est bloque",
                "donnez moi le code recu par sms");
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), recorder);
        pushFrames(stream, speak(transcriber, call, Speaker.CALLER, lines));
        stream.close();
        recorder.awaitClosed(timeout());

        List<TranscriptSegment> finals = recorder.finals();
        assertThat(finals).extracting(TranscriptSegment::text).containsExactlyElementsOf(lines);
        for (int i = 1; i < finals.size(); i++) {
            assertThat(finals.get(i).utteranceIndex()).isGreaterThan(finals.get(i - 1).utteranceIndex());
            assertThat(finals.get(i).endOffset()).isGreaterThanOrEqualTo(finals.get(i - 1).endOffset());
            assertThat(finals.get(i).startOffset()).isGreaterThanOrEqualTo(finals.get(i - 1).endOffset());
        }
        assertThat(finals.get(finals.size() - 1).endOffset()).isPositive();
    }

    @Test
    void eachUtteranceHasAPartialBeforeItsFinalAndNothingAfter() {
        CallSid call = newCallSid();
        List<String> lines = List.of("ne raccrochez pas", "un conseiller va vous rappeler");
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), recorder);
        pushFrames(stream, speak(transcriber, call, Speaker.CALLER, lines));
        stream.close();
        recorder.awaitClosed(timeout());

        List<TranscriptSegment> segments = recorder.segments();
        for (TranscriptSegment fin : recorder.finals()) {
            int at = segments.indexOf(fin);
            List<TranscriptSegment> before = segments.subList(0, at);
            List<TranscriptSegment> after = segments.subList(at + 1, segments.size());
            assertThat(before).filteredOn(s -> !s.isFinal() && s.utteranceIndex() == fin.utteranceIndex())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.text()).isNotBlank());
            assertThat(after).noneMatch(s -> s.utteranceIndex() == fin.utteranceIndex());
        }
    }

    @Test
    void closeDeliversOnClosedExactlyOnceEvenFromManyThreads() throws Exception {
        CallSid call = newCallSid();
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLEE), recorder);
        pushFrames(stream, speak(transcriber, call, Speaker.CALLEE, List.of("oui c est moi")));
        CyclicBarrier barrier = new CyclicBarrier(4);
        List<Thread> closers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                await(barrier);
                stream.close();
            });
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            t.join(timeout().toMillis());
        }
        stream.close();
        recorder.awaitClosed(timeout());
        Thread.sleep(100); // a second onClosed would show up by now

        assertThat(recorder.closedCount()).isEqualTo(1);
        assertThat(recorder.lastEventWasClose()).isTrue();
        assertThat(recorder.finalTexts()).containsExactly("oui c est moi");
    }

    @Test
    void pushAfterCloseIsIgnored() throws Exception {
        CallSid call = newCallSid();
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), recorder);
        stream.close();
        recorder.awaitClosed(timeout());

        pushFrames(stream, speak(transcriber, call, Speaker.CALLER, List.of("trop tard")));
        Thread.sleep(200);

        assertThat(recorder.segments()).isEmpty();
        assertThat(recorder.failures()).isEmpty();
        assertThat(recorder.closedCount()).isEqualTo(1);
    }

    @Test
    void pushNeverBlocksAndTheStreamStillClosesAfterAFlood() {
        CallSid call = newCallSid();
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), recorder);
        byte[] frame = silence(FRAME_BYTES);
        long slowest = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 15_000; i++) { // five minutes of audio, as fast as the caller can push
            long before = System.nanoTime();
            stream.push(frame);
            slowest = Math.max(slowest, System.nanoTime() - before);
        }
        long total = System.nanoTime() - start;
        stream.close();
        recorder.awaitClosed(timeout());

        assertThat(Duration.ofNanos(total)).isLessThan(Duration.ofSeconds(3));
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(250));
        assertThat(recorder.closedCount()).isEqualTo(1);
    }

    @Test
    void twoCallsAndTwoTracksDoNotMix() throws Exception {
        CallSid callA = newCallSid();
        CallSid callB = newCallSid();
        record Track(CallSid call, Speaker speaker, List<String> lines, Recorder recorder, TranscriptionStream stream,
                     byte[] audio) {
        }
        List<Track> tracks = new ArrayList<>();
        String[][] scripts = {{"appel a caller", "premier appel"}, {"appel a callee", "je ne comprends pas"},
                {"appel b caller", "second appel"}, {"appel b callee", "qui est a l appareil"}};
        int n = 0;
        for (CallSid call : List.of(callA, callB)) {
            for (Speaker speaker : Speaker.values()) {
                List<String> lines = List.of(scripts[n++]);
                Recorder recorder = new Recorder();
                TranscriptionStream stream = transcriber.open(request(call, speaker), recorder);
                tracks.add(new Track(call, speaker, lines, recorder, stream, speak(transcriber, call, speaker, lines)));
            }
        }
        // two pushing threads, each interleaving frames of two tracks, as a media server would
        List<Thread> pushers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            List<Track> mine = List.of(tracks.get(p), tracks.get(p + 2));
            Thread t = new Thread(() -> {
                int longest = mine.stream().mapToInt(tr -> tr.audio().length).max().orElse(0);
                for (int off = 0; off < longest; off += FRAME_BYTES) {
                    for (Track tr : mine) {
                        if (off < tr.audio().length) {
                            tr.stream().push(Arrays.copyOfRange(tr.audio(), off, Math.min(off + FRAME_BYTES, tr.audio().length)));
                        }
                    }
                }
            });
            t.start();
            pushers.add(t);
        }
        for (Thread t : pushers) {
            t.join(timeout().toMillis());
        }
        tracks.forEach(tr -> tr.stream().close());

        for (Track tr : tracks) {
            tr.recorder().awaitClosed(timeout());
            assertThat(tr.recorder().finalTexts()).as("track %s/%s", tr.call(), tr.speaker())
                    .containsExactlyElementsOf(tr.lines());
            assertThat(tr.recorder().segments()).allSatisfy(s -> assertThat(s.speaker()).isEqualTo(tr.speaker()));
        }
    }

    @Test
    void closingAStreamThatNeverHeardAudioStillCloses() {
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLEE), recorder);
        stream.close();
        recorder.awaitClosed(timeout());

        assertThat(recorder.segments()).isEmpty();
        assertThat(recorder.failures()).isEmpty();
        assertThat(recorder.closedCount()).isEqualTo(1);
    }

    @Test
    void nullAudioIsRejectedNamingTheParameter() {
        Recorder recorder = new Recorder();
        TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLER), recorder);
        try {
            assertThatThrownBy(() -> stream.push(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("mulaw");
        } finally {
            stream.close();
        }
        recorder.awaitClosed(timeout());
    }

    @Test
    void aFailingListenerDoesNotStopTheStream() {
        CallSid call = newCallSid();
        List<String> lines = List.of("premiere phrase", "deuxieme phrase");
        Recorder recorder = new Recorder(segment -> !segment.isFinal() && segment.utteranceIndex() == 0);
        TranscriptionStream stream = transcriber.open(request(call, Speaker.CALLER), recorder);
        pushFrames(stream, speak(transcriber, call, Speaker.CALLER, lines));
        stream.close();
        recorder.awaitClosed(timeout());

        assertThat(recorder.finalTexts()).containsExactlyElementsOf(lines);
    }

    // ---- helpers shared with implementation-specific tests ----

    public static CallSid newCallSid() {
        return CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
    }

    public static TranscriptionRequest request(CallSid call, Speaker speaker) {
        return new TranscriptionRequest(TENANT, call, speaker, Language.FRENCH, List.of("code confidentiel"));
    }

    private static final TenantId TENANT = TenantId.of("6f1c1f9e-3b0a-4c39-9d53-3c1d8f0a2b11");

    /** Pushes audio in Twilio-sized frames. */
    public static void pushFrames(TranscriptionStream stream, byte[] audio) {
        for (int off = 0; off < audio.length; off += FRAME_BYTES) {
            stream.push(Arrays.copyOfRange(audio, off, Math.min(off + FRAME_BYTES, audio.length)));
        }
    }

    /** Mu-law silence (0xFF is the zero sample). */
    public static byte[] silence(int bytes) {
        byte[] audio = new byte[bytes];
        Arrays.fill(audio, (byte) 0xFF);
        return audio;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records a stream's callbacks in order and checks the port's promises as they happen: callbacks one at a time,
     * nothing after onClosed.
     */
    public static final class Recorder implements TranscriptListener {
        private final List<Object> events = new ArrayList<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        private final AtomicInteger inCallback = new AtomicInteger();
        private final AtomicInteger closedCount = new AtomicInteger();
        private final Predicate<TranscriptSegment> throwOn;
        private final List<String> violations = new ArrayList<>();

        public Recorder() {
            this(segment -> false);
        }

        /** A recorder whose onSegment throws for matching segments (after recording them). */
        public Recorder(Predicate<TranscriptSegment> throwOn) {
            this.throwOn = throwOn;
        }

        @Override
        public void onSegment(TranscriptSegment segment) {
            enter();
            try {
                record(segment);
                if (throwOn.test(segment)) {
                    throw new IllegalStateException("listener failure injected by the test");
                }
            } finally {
                inCallback.decrementAndGet();
            }
        }

        @Override
        public void onBilled(Duration billed) {
            enter();
            try {
                record(new Billed(billed));
            } finally {
                inCallback.decrementAndGet();
            }
        }

        @Override
        public void onFailure(TranscriptionFailure failure) {
            enter();
            try {
                record(failure);
            } finally {
                inCallback.decrementAndGet();
            }
        }

        @Override
        public void onClosed() {
            enter();
            try {
                record(Closed.INSTANCE);
                closedCount.incrementAndGet();
                closed.countDown();
            } finally {
                inCallback.decrementAndGet();
            }
        }

        private void enter() {
            if (inCallback.incrementAndGet() != 1) {
                synchronized (this) {
                    violations.add("two callbacks ran at once");
                }
            }
        }

        private synchronized void record(Object event) {
            if (closedCount.get() > 0) {
                violations.add("callback after onClosed: " + event.getClass().getSimpleName());
            }
            events.add(event);
        }

        /** Waits for onClosed and fails if the port's promises were broken on the way. */
        public void awaitClosed(Duration timeout) {
            try {
                assertThat(closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("onClosed within %s", timeout).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertThat(violations()).isEmpty();
        }

        /** Waits until a condition on the recorded segments holds. */
        public void awaitSegments(Predicate<List<TranscriptSegment>> condition, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.test(segments())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("segments never satisfied the condition; got " + segments().size() + " segments");
                }
                sleepBriefly();
            }
        }

        public boolean isClosed() {
            return closed.getCount() == 0;
        }

        public synchronized List<String> violations() {
            return List.copyOf(violations);
        }

        public synchronized List<TranscriptSegment> segments() {
            return events.stream().filter(TranscriptSegment.class::isInstance).map(TranscriptSegment.class::cast).toList();
        }

        public List<TranscriptSegment> finals() {
            return segments().stream().filter(TranscriptSegment::isFinal).toList();
        }

        public List<String> finalTexts() {
            return finals().stream().map(TranscriptSegment::text).toList();
        }

        public synchronized List<TranscriptionFailure> failures() {
            return events.stream().filter(TranscriptionFailure.class::isInstance).map(TranscriptionFailure.class::cast).toList();
        }

        public synchronized List<Duration> billed() {
            return events.stream().filter(Billed.class::isInstance).map(e -> ((Billed) e).duration()).toList();
        }

        public Duration totalBilled() {
            return billed().stream().reduce(Duration.ZERO, Duration::plus);
        }

        public int closedCount() {
            return closedCount.get();
        }

        public synchronized boolean lastEventWasClose() {
            return !events.isEmpty() && events.get(events.size() - 1) == Closed.INSTANCE;
        }

        private static void sleepBriefly() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private record Billed(Duration duration) {
        }

        private enum Closed { INSTANCE }
    }
}
