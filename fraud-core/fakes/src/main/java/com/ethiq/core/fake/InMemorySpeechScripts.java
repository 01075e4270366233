package com.ethiq.core.fake;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SpeechScripts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SpeechScripts} in memory: the scripts of one node without a database (or of a test's "nodes" sharing it).
 * Nothing survives a restart. Watchers are told in-process, on the appender's thread, once the lines are stored.
 * Thread-safe (one lock).
 */
public final class InMemorySpeechScripts implements SpeechScripts {
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySpeechScripts.class);
    private final List<Consumer<Track>> watchers = new CopyOnWriteArrayList<>();
    private final Map<Key, List<Entry>> tracks = new HashMap<>();

    private record Key(TenantId tenant, CallSid callSid, Speaker speaker) {
        Key {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            Objects.requireNonNull(speaker, "'speaker' must not be null");
        }
    }

    private static final class Entry {
        final String text;
        boolean heard;

        Entry(String text) {
            this.text = text;
        }
    }

    @Override
    public void append(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines) {
        Key key = new Key(tenant, callSid, speaker);
        List<String> checked = SpeechScripts.checked(lines);
        synchronized (this) {
            List<Entry> track = tracks.computeIfAbsent(key, k -> new ArrayList<>());
            checked.forEach(text -> track.add(new Entry(text)));
        }
        if (checked.isEmpty()) {
            return;
        }
        // outside the lock: a watcher reads the lines at once
        Track appended = new Track(tenant, callSid, speaker);
        for (Consumer<Track> watcher : watchers) {
            try {
                watcher.accept(appended);
            } catch (RuntimeException e) {
                LOG.warn("a speech scripts watcher failed", e);
            }
        }
    }

    @Override
    public void watch(Consumer<Track> watcher) {
        watchers.add(Objects.requireNonNull(watcher, "'watcher' must not be null"));
    }

    @Override
    public synchronized List<Line> unheard(TenantId tenant, CallSid callSid, Speaker speaker, int fromIndex) {
        List<Entry> track = tracks.getOrDefault(new Key(tenant, callSid, speaker), List.of());
        List<Line> out = new ArrayList<>();
        for (int i = Math.max(0, fromIndex); i < track.size(); i++) {
            if (!track.get(i).heard) {
                out.add(new Line(i, track.get(i).text));
            }
        }
        return out;
    }

    @Override
    public synchronized void heard(TenantId tenant, CallSid callSid, Speaker speaker, int index) {
        List<Entry> track = tracks.get(new Key(tenant, callSid, speaker));
        if (track != null && index >= 0 && index < track.size()) {
            track.get(index).heard = true;
        }
    }
}
