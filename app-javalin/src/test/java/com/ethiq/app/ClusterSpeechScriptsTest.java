package com.ethiq.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.calls.CallPathHarness;
import com.ethiq.core.contract.SpeechTranscriberContract.Recorder;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.fake.SharedScriptTranscriber;
import com.ethiq.core.port.SpeechScripts.Track;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionRequest;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' simulated speech over one PostgreSQL, each with its own pools and LISTEN connection: a line scripted
 * through A reaches the call's stream on B through {@code NOTIFY} on the call events channel, not at B's 10 s poll.
 */
class ClusterSpeechScriptsTest {
    private final Clock clock = Clock.systemUTC();
    private final TestStores stores = TestStores.postgres(clock);
    private final Node nodeA = new Node(stores.forNode());
    private final Node nodeB = new Node(stores.forNode());

    /** One node's adapters with simulated speech over its scripts store. */
    private final class Node implements AutoCloseable {
        final SharedScriptTranscriber speech;
        final Adapters adapters;

        Node(Adapters.Builder b) {
            speech = new SharedScriptTranscriber(new ScriptedSpeechTranscriber(Duration.ofMillis(50), Duration.ZERO), b.speechScripts());
            adapters = b.speechTranscriber(speech).closing(speech).callControl(new RecordingCallControl(clock)).clock(clock).build();
        }

        @Override
        public void close() {
            adapters.close();
        }
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aLineScriptedThroughAReachesTheCallsStreamOnBWellUnderASecond() throws Exception {
        awaitBusBetween(nodeA, nodeB);
        TenantId tenant = tenant();
        CallSid call = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        stores.callLogs().open(CallLog.started(tenant, call, "+33612345678", clock.instant(), CallProtection.PROTECTED));
        nodeA.speech.script(tenant, call, Speaker.CALLER, List.of("bonjour madame"));
        Recorder onB = new Recorder();
        TranscriptionStream stream = nodeB.speech.open(
                new TranscriptionRequest(tenant, call, Speaker.CALLER, Language.FRENCH, List.of()), onB);
        awaitTrue(() -> nodeB.speech.recogniser().remainingLines(call, Speaker.CALLER) == 1, Duration.ofSeconds(5),
                "B loaded the first line when its stream opened");

        // B's track now polls no more (it has a line to say): only A's notice can bring the next line this soon
        long posted = System.nanoTime();
        nodeA.speech.script(tenant, call, Speaker.CALLER, List.of("ici votre banque"));
        awaitTrue(() -> nodeB.speech.recogniser().remainingLines(call, Speaker.CALLER) == 2, Duration.ofSeconds(1),
                "B loaded the line scripted through A");
        assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(SharedScriptTranscriber.FALLBACK_POLL);
        stream.close();
        onB.awaitClosed(Duration.ofSeconds(5));
    }

    @Test
    void theNoticeNamesATrackAndTheBussOtherEventsAreNotNotices() {
        TenantId tenant = TenantId.random();
        CallSid call = CallSid.of("CA" + "3".repeat(32));
        List<String> published = new java.util.ArrayList<>();
        Adapters.ClusterEvents bus = new Adapters.ClusterEvents() {
            @Override
            public void publish(String payload) {
                published.add(payload);
            }

            @Override
            public void subscribe(java.util.function.Consumer<String> onPayload) {
            }
        };
        new ClusterSpeechScripts(new com.ethiq.core.fake.InMemorySpeechScripts(), bus)
                .append(tenant, call, Speaker.CALLEE, List.of("oui"));

        assertThat(published).singleElement().satisfies(p -> {
            assertThat(ClusterSpeechScripts.parse(p)).isEqualTo(new Track(tenant, call, Speaker.CALLEE));
            assertThat(p).doesNotContain("oui").hasSizeLessThan(200);
        });
        assertThat(ClusterSpeechScripts.parse("{\"o\":\"feed\",\"e\":\"call\",\"p\":{\"callSid\":\"" + call.value() + "\"}}")).isNull();
        assertThat(ClusterSpeechScripts.parse("{\"e\":\"speech-script\",\"t\":\"not-a-uuid\"}")).isNull();
        assertThat(ClusterSpeechScripts.parse("not json")).isNull();
    }

    /** Waits until a payload published on one node is heard on the other (each LISTENs on its own connection). */
    private static void awaitBusBetween(Node from, Node to) throws InterruptedException {
        String probe = "{\"e\":\"probe\",\"id\":\"" + UUID.randomUUID() + "\"}";
        CountDownLatch heard = new CountDownLatch(1);
        to.adapters.clusterEvents().subscribe(p -> {
            if (p.equals(probe)) {
                heard.countDown();
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!heard.await(100, TimeUnit.MILLISECONDS)) {
            assertThat(System.nanoTime()).as("the nodes' bus is up within 10 s").isLessThan(deadline);
            from.adapters.clusterEvents().publish(probe);
        }
    }

    private TenantId tenant() {
        TenantId id = TenantId.random();
        stores.tenants().create(new Tenant(id, "Mme Script", AccountStatus.ACTIVE, CallPathHarness.randomNumber("+3397"),
                SipAddress.of("sip:" + id.value().toString().substring(0, 8) + "@home.sip.twilio.com"),
                TenantSettings.defaults(), Instant.now(clock)));
        return id;
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }
}
