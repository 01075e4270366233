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
    void linesPostedWhileAStreamRunsAreFoundByItsNextPoll() throws Exception {
        CallSid call = newCallSid();
        Recorder onB = new Recorder();
        TranscriptionStream stream = nodeB.open(request(call, Speaker.CALLEE), onB);
        pushFrames(stream, silence(200 * MS));
        nodeA.script(TENANT, call, Speaker.CALLEE, List.of("oui", "je vous ecoute"));
        // audio keeps coming at its pace: within a poll the lines are loaded, then heard
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (onB.finals().size() < 2 && System.nanoTime() < deadline) {
            pushFrames(stream, silence(20 * MS));
            Thread.sleep(20);
        }
        stream.close();
        onB.awaitClosed(Duration.ofSeconds(5));
        assertThat(onB.finalTexts()).containsExactly("oui", "je vous ecoute");
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
        assertThat(Duration.ofNanos(System.nanoTime() - posted)).as("well before a poll").isLessThan(SharedScriptTranscriber.POLL);
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
        SpeechScripts flaky = new SpeechScripts() {
            @Override
            public void append(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines) {
                store.append(tenant, callSid, speaker, lines);
            }

            @Override
            public List<Line> unheard(TenantId tenant, CallSid callSid, Speaker speaker, int fromIndex) {
                if (down.get()) {
                    refusedReads.incrementAndGet();
                    throw new PersistenceException("database unavailable", null);
                }
                return store.unheard(tenant, callSid, speaker, fromIndex);
            }

            @Override
            public void heard(TenantId tenant, CallSid callSid, Speaker speaker, int index) {
                store.heard(tenant, callSid, speaker, index);
            }
        };
        CallSid call = newCallSid();
        store.append(TENANT, call, Speaker.CALLER, List.of("votre carte est bloquee"));
        try (SharedScriptTranscriber node = node(flaky)) {
            Recorder recorder = new Recorder();
            TranscriptionStream stream = node.open(request(call, Speaker.CALLER), recorder);
            // audio keeps flowing while the store is away: the track asks again every poll
            long away = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (refusedReads.get() < 2 && System.nanoTime() < away) {
                pushFrames(stream, silence(20 * MS));
                Thread.sleep(20);
            }
            assertThat(refusedReads.get()).as("the store was asked again while away").isGreaterThanOrEqualTo(2);
            assertThat(recorder.segments()).isEmpty();
            down.set(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (recorder.finals().isEmpty() && System.nanoTime() < deadline) {
                pushFrames(stream, silence(20 * MS));
                Thread.sleep(20);
            }
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

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
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
