package com.ethiq.app;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SpeechScripts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SpeechScripts} store whose appends are told to every node over the {@link Adapters.ClusterEvents} bus
 * (with PostgreSQL, {@code NOTIFY} on {@value PostgresClusterEvents#CHANNEL}), so the node that streams a simulated
 * call loads lines posted through another node at once, not at its fallback poll. The notice,
 * {@code {"e": "speech-script", "t": account, "c": call sid, "s": track}}, is published after the append committed
 * (its lines can be read when it arrives) and carries ids only, like the live events; the dashboards' feed ignores it.
 * Simulated speech only. Thread-safe.
 */
final class ClusterSpeechScripts implements SpeechScripts {
    static final String EVENT = "speech-script";
    private static final Logger log = LoggerFactory.getLogger(ClusterSpeechScripts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpeechScripts store;
    private final Adapters.ClusterEvents cluster;

    ClusterSpeechScripts(SpeechScripts store, Adapters.ClusterEvents cluster) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.cluster = Objects.requireNonNull(cluster, "'cluster' must not be null");
    }

    @Override
    public void append(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines) {
        store.append(tenant, callSid, speaker, lines);
        if (lines.isEmpty()) {
            return;
        }
        try {
            cluster.publish(JSON.writeValueAsString(Map.of("e", EVENT, "t", tenant.toString(), "c", callSid.value(),
                    "s", speaker.wire())));
        } catch (JsonProcessingException e) {
            // a hint lost: the other nodes' fallback poll finds the lines
            log.warn("speech script notice not published: {}", e.getMessage());
        }
    }

    @Override
    public List<Line> unheard(TenantId tenant, CallSid callSid, Speaker speaker, int fromIndex) {
        return store.unheard(tenant, callSid, speaker, fromIndex);
    }

    @Override
    public void heard(TenantId tenant, CallSid callSid, Speaker speaker, int index) {
        store.heard(tenant, callSid, speaker, index);
    }

    /** Tells {@code watcher} of the appends of every node, this one included, on the bus's thread. */
    @Override
    public void watch(Consumer<Track> watcher) {
        Objects.requireNonNull(watcher, "'watcher' must not be null");
        cluster.subscribe(message -> {
            Track track = parse(message);
            if (track != null) {
                watcher.accept(track);
            }
        });
    }

    /** The track a notice names; null for the bus's other events and for a malformed notice. */
    static Track parse(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (!EVENT.equals(node.path("e").asText())) {
                return null;
            }
            return new Track(TenantId.of(node.path("t").asText("")), CallSid.of(node.path("c").asText("")),
                    Speaker.fromWire(node.path("s").asText("")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.debug("ignoring a malformed speech script notice");
            return null;
        }
    }
}
