package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.Adapters;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' feeds on one bus (in memory here; PostgreSQL NOTIFY in production, see ClusterWideStateTest): each
 * subscriber gets every node's events of its accounts once, and the bus's noise is ignored.
 */
class LiveFeedClusterTest {
    /** Delivers every payload to every subscriber, the publisher included, as NOTIFY does. */
    private static final class Bus implements Adapters.ClusterEvents {
        final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
        final List<String> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(String payload) {
            published.add(payload);
            subscribers.forEach(s -> s.accept(payload));
        }

        @Override
        public void subscribe(Consumer<String> onPayload) {
            subscribers.add(onPayload);
        }
    }

    private final Bus bus = new Bus();
    private final LiveFeed nodeA = new LiveFeed(Clock.systemUTC(), bus);
    private final LiveFeed nodeB = new LiveFeed(Clock.systemUTC(), bus);
    private final TenantId account = TenantId.random();
    private final TenantId other = TenantId.random();
    private final CallSid call = CallSid.of("CA" + "1".repeat(32));

    @Test
    void aSubscriberOnEitherNodeGetsEachEventOnceAndOnlyOfItsAccounts() {
        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        nodeA.subscribe(Set.of(account), (name, e) -> onA.add(name + ":" + e.get("state") + ":" + e.get("callSid")));
        nodeB.subscribe(Set.of(account), (name, e) -> onB.add(name + ":" + e.get("state") + ":" + e.get("callSid")));

        nodeA.sessionStarted(account, call);
        nodeA.sessionStarted(other, CallSid.of("CA" + "2".repeat(32)));
        nodeA.sessionEnded(account, call);

        List<String> expected = List.of("call:live:" + call.value(), "call:ended:" + call.value());
        assertThat(onA).containsExactlyElementsOf(expected);
        assertThat(onB).containsExactlyElementsOf(expected);
        assertThat(bus.published).hasSize(3).allSatisfy(p -> assertThat(p).doesNotContain("+33").hasSizeLessThan(400));
    }

    @Test
    void malformedOrForeignPayloadsOnTheBusAreIgnored() {
        List<String> onB = new CopyOnWriteArrayList<>();
        nodeB.subscribe(Set.of(account), (name, e) -> onB.add(name));
        String ok = "{\"o\":\"elsewhere\",\"e\":\"call\",\"p\":{\"accountId\":\"" + account + "\",\"callSid\":\"" + call.value() + "\",\"state\":\"live\"}}";
        bus.publish("not json");
        bus.publish("{\"o\":\"elsewhere\",\"e\":\"drop_tables\",\"p\":{\"accountId\":\"" + account + "\"}}");
        bus.publish("{\"o\":\"elsewhere\",\"e\":\"call\",\"p\":{\"accountId\":\"not-a-uuid\"}}");
        bus.publish("{\"o\":\"elsewhere\",\"e\":\"call\",\"p\":\"text\"}");
        bus.publish(ok);
        assertThat(onB).containsExactly("call");
    }
}
