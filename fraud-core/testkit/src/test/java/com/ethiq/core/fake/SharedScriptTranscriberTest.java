package com.ethiq.core.fake;

import static com.ethiq.core.contract.SpeechTranscriberContract.newCallSid;
import static com.ethiq.core.contract.SpeechTranscriberContract.pushFrames;
import static com.ethiq.core.contract.SpeechTranscriberContract.request;
import static com.ethiq.core.contract.SpeechTranscriberContract.silence;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.contract.SpeechTranscriberContract.Recorder;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.PersistenceException;
import com.ethiq.core.port.SpeechScripts;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two "nodes" (two transcribers, each with its own pacing recogniser) over one scripts store. */
class SharedScriptTranscriberTest {
    private static final int MS = 8;
    private static final Duration PER_WORD = Duration.ofMillis(50);
    /** The tenant {@code SpeechTranscriberContract.request} names. */
    private static final TenantId TENANT = request(newCallSid(), Speaker.CALLER).tenant();

    private final InMemorySpeechScripts store = new InMemorySpeechScripts();
    private final SharedScriptTranscriber nodeA = node(store);
    private final SharedScriptTranscriber nodeB = node(store);

    private static SharedScriptTranscriber node(SpeechScripts scripts) {
        return new SharedScriptTranscriber(new ScriptedSpeechTranscriber(PER_WORD, Duration.ZERO), scripts);
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void linesScriptedThroughOneNodeAreHeardOnTheNodeThatStreamsTheCall() {
        CallSid call = newCallSid();
        nodeA.script(TENANT, call, Speaker.CALLER, List.of("bonjour madame", "ici votre banque"));
        Recorder onB = new Recorder();
        TranscriptionStream stream = nodeB.open(request(call, Speaker.CALLER), onB);
        awaitTrue(() -> nodeB.recogniser().remainingLines(call, Speaker.CALLER) == 2, "B loaded the script");

        pushFrames(stream, silence(5 * 50 * MS));
        stream.close();
        onB.awaitClosed(Duration.ofSeconds(5));

        assertThat(onB.finalTexts()).containsExactly("bonjour madame", "ici votre banque");
        awaitTrue(() -> store.unheard(TENANT, call, Speaker.CALLER, 0).isEmpty(), "both lines recorded heard");
    }

    @Test
    void aSurvivorHearsTheLinesNotHeardBeforeTheCallsNodeDiedAndTheInterruptedLineWhole() {
        CallSid call = newCallSid();
        nodeA.script(TENANT, call, Speaker.CALLER, List.of("bonjour madame", "ici votre banque", "donnez moi le code"));
        Recorder onA = new Recorder();
        TranscriptionStream streamA = nodeA.open(request(call, Speaker.CALLER), onA);
        awaitTrue(() -> nodeA.recogniser().remainingLines(call, Speaker.CALLER) == 3, "A loaded the script");
        // two lines and half the third: A dies there (its stream is never closed)
        pushFrames(streamA, silence((5 + 2) * 50 * MS));
        assertThat(onA.finalTexts()).containsExactly("bonjour madame", "ici votre banque");
        assertThat(onA.segments()).anyMatch(s -> s.text().equals("donnez moi"));
        awaitTrue(() -> store.unheard(TENANT, call, Speaker.CALLER, 0).size() == 1, "A's two lines recorded heard");

        Recorder onB = new Recorder();
        TranscriptionStream streamB = nodeB.open(request(call, Speaker.CALLER), onB);
        awaitTrue(() -> nodeB.recogniser().remainingLines(call, Speaker.CALLER) == 1, "B loaded what was not heard");
        pushFrames(streamB, silence(4 * 50 * MS));
        streamB.close();
        onB.awaitClosed(Duration.ofSeconds(5));

        assertThat(onB.finalTexts()).as("nothing heard before the death is heard again").containsExactly("donnez moi le code");
    }

    @Test
    void aLineAddedOnAnotherNodeReachesADryTrackWellUnderASecondNotAtTheFallbackPoll() {
        AtomicInteger reads = new AtomicInteger();
        SpeechScripts counted = new Delegating(store) {
            @Override
            public List<Line> unheard(TenantId tenant, CallSid callSid, Speaker speaker, int fromIndex) {
                reads.incrementAndGet();
                return super.unheard(tenant, callSid, speaker, fromIndex);
            }
        };
        CallSid call = newCallSid();
        try (SharedScriptTranscriber nodeC = node(counted)) {
            Recorder onC = new Recorder();
            TranscriptionStream stream = nodeC.open(request(call, Speaker.CALLEE), onC);
            pushFrames(stream, silence(200 * MS));
            awaitTrue(() -> reads.get() == 1, Duration.ofSeconds(5), "C read the empty script when the stream opened");
            // C's track is dry: its next poll is FALLBACK_POLL away, only the store's notice can wake it sooner
            long posted = System.nanoTime();
            nodeA.script(TENANT, call, Speaker.CALLEE, List.of("oui", "je vous ecoute"));
            awaitTrue(() -> nodeC.recogniser().remainingLines(call, Speaker.CALLEE) == 2, Duration.ofSeconds(1),
                    "the lines loaded on C within a second");
            assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(SharedScriptTranscriber.FALLBACK_POLL);

            pushFrames(stream, silence(5 * 50 * MS));
            stream.close();
            onC.awaitClosed(Duration.ofSeconds(5));
            assertThat(onC.finalTexts()).containsExactly("oui", "je vous ecoute");
        }
    }

    @Test
    void aNoticeMissedIsMadeUpByTheFallbackPoll() throws Exception {
        SpeechScripts silent = new Delegating(store) {
            @Override
            public void watch(Consumer<Track> watcher) {
                // every notice lost
            }
        };
        CallSid call = newCallSid();
        try (SharedScriptTranscriber node = new SharedScriptTranscriber(new ScriptedSpeechTranscriber(PER_WORD, Duration.ZERO),
                silent, Duration.ofMillis(200), System::nanoTime)) {
            Recorder recorder = new Recorder();
            TranscriptionStream stream = node.open(request(call, Speaker.CALLER), recorder);
            pushFrames(stream, silence(100 * MS));
            silent.append(TENANT, call, Speaker.CALLER, List.of("ne quittez pas"));
            // audio keeps coming at its pace: a poll finds the line, then it is heard
            streamWhile(stream, () -> recorder.finals().isEmpty());
            stream.close();
            recorder.awaitClosed(Duration.ofSeconds(5));
            assertThat(recorder.finalTexts()).containsExactly("ne quittez pas");
        }
    }

    @Test
    void linesPostedToTheNodeThatStreamsTheCallAreLoadedAtOnceNotAtTheNextPoll() {
        CallSid call = newCallSid();
        Recorder onA = new Recorder();
        TranscriptionStream stream = nodeA.open(request(call, Speaker.CALLER), onA);
        pushFrames(stream, silence(100 * MS));
        long posted = System.nanoTime();
        // what ./ethiq simulate does: each turn posted while the call streams, its audio sent right after
        nodeA.script(TENANT, call, Speaker.CALLER, List.of("ne quittez pas"));
        awaitTrue(() -> nodeA.recogniser().remainingLines(call, Speaker.CALLER) == 1, "the line loaded");
        assertThat(Duration.ofNanos(System.nanoTime() - posted)).as("well before a poll").isLessThan(SharedScriptTranscriber.FALLBACK_POLL);
        nodeA.script(TENANT, call, Speaker.CALLER, List.of("un conseiller arrive"));
        awaitTrue(() -> nodeA.recogniser().remainingLines(call, Speaker.CALLER) == 2, "the second line loaded");

        pushFrames(stream, silence(6 * 50 * MS));
        stream.close();
        onA.awaitClosed(Duration.ofSeconds(5));
        assertThat(onA.finalTexts()).containsExactly("ne quittez pas", "un conseiller arrive");
    }

    @Test
    void aStoreThatIsAwayNeitherBlocksTheAudioNorLosesTheLines() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger refusedReads = new AtomicInteger();
        SpeechScripts flaky = new Delegating(store) {
            @Override
            public List<Line> unheard(TenantId tenant, CallSid callSid, Speaker speaker, int fromIndex) {
                if (down.get()) {
                    refusedReads.incrementAndGet();
                    throw new PersistenceException("database unavailable", null);
                }
                return super.unheard(tenant, callSid, speaker, fromIndex);
            }
        };
        CallSid call = newCallSid();
        store.append(TENANT, call, Speaker.CALLER, List.of("votre carte est bloquee"));
        try (SharedScriptTranscriber node = node(flaky)) {
            Recorder recorder = new Recorder();
            TranscriptionStream stream = node.open(request(call, Speaker.CALLER), recorder);
            // audio keeps flowing while the store is away: the track asks again a second later, not at the slow poll
            streamWhile(stream, () -> refusedReads.get() < 2);
            assertThat(refusedReads.get()).as("the store was asked again while away").isGreaterThanOrEqualTo(2);
            assertThat(recorder.segments()).isEmpty();
            down.set(false);
            streamWhile(stream, () -> recorder.finals().isEmpty());
            stream.close();
            recorder.awaitClosed(Duration.ofSeconds(5));
            assertThat(recorder.finalTexts()).containsExactly("votre carte est bloquee");
        }
    }

    @Test
    void aStreamClosedWithLinesLeftHandsThemBackSoTheNextStreamHearsEachOnce() {
        CallSid call = newCallSid();
        nodeA.script(TENANT, call, Speaker.CALLER, List.of("allo", "ici la gendarmerie"));
        Recorder first = new Recorder();
        TranscriptionStream stream = nodeA.open(request(call, Speaker.CALLER), first);
        awaitTrue(() -> nodeA.recogniser().remainingLines(call, Speaker.CALLER) == 2, "loaded");
        pushFrames(stream, silence(50 * MS));
        stream.close();
        first.awaitClosed(Duration.ofSeconds(5));
        assertThat(first.finalTexts()).containsExactly("allo");
        assertThat(nodeA.recogniser().remainingLines(call, Speaker.CALLER)).as("nothing left behind on the node").isZero();

        Recorder second = new Recorder();
        TranscriptionStream again = nodeA.open(request(call, Speaker.CALLER), second);
        awaitTrue(() -> nodeA.recogniser().remainingLines(call, Speaker.CALLER) == 1, "the unheard line loaded again");
        pushFrames(again, silence(5 * 50 * MS));
        again.close();
        second.awaitClosed(Duration.ofSeconds(5));
        assertThat(second.finalTexts()).containsExactly("ici la gendarmerie");
    }

    /** A store that passes everything on to another (a test overrides what it changes). */
    private static class Delegating implements SpeechScripts {
        private final SpeechScripts inner;

        Delegating(SpeechScripts inner) {
            this.inner = inner;
        }

        @Override
        public void append(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines) {
            inner.append(tenant, callSid, speaker, lines);
        }

        @Override
        public List<Line> unheard(TenantId tenant, CallSid callSid, Speaker speaker, int fromIndex) {
            return inner.unheard(tenant, callSid, speaker, fromIndex);
        }

        @Override
        public void heard(TenantId tenant, CallSid callSid, Speaker speaker, int index) {
            inner.heard(tenant, callSid, speaker, index);
        }

        @Override
        public void watch(Consumer<Track> watcher) {
            inner.watch(watcher);
        }
    }

    /** Sends audio at its real pace while {@code condition} holds, for 5 s at the most. */
    private static void streamWhile(TranscriptionStream stream, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (condition.getAsBoolean() && System.nanoTime() < deadline) {
            pushFrames(stream, silence(20 * MS));
            Thread.sleep(20);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        awaitTrue(condition, Duration.ofSeconds(5), what);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
