package com.ethiq.core.port;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Outgoing port, simulated speech only: the lines scripted for each track of a call (what {@code /sim/speech} posts)
 * and which of them were already heard, kept where every node finds them. A call's stream on any node — including a
 * survivor that streams the call again after its node died — hears the lines not yet heard, in order, each once.
 * Never wired with a real recogniser (a production node has none of this). Thread-safe.
 */
public interface SpeechScripts {

    /** One scripted line of a track: its position in the track's script (0, 1, …, in the order appended). */
    record Line(int index, String text) {
        public Line {
            if (index < 0) {
                throw new IllegalArgumentException("'index' must not be negative, got " + index);
            }
            Objects.requireNonNull(text, "'text' must not be null");
        }
    }

    /** A track of a call, as a store names it to its watchers when lines were appended to it. */
    record Track(TenantId tenant, CallSid callSid, Speaker speaker) {
        public Track {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            Objects.requireNonNull(speaker, "'speaker' must not be null");
        }
    }

    /**
     * Asks to be told when lines are appended to a track through any node sharing the store, so a stream waiting for
     * lines loads them at once. A hint, not data: told only once the lines can be read, but perhaps late, twice or
     * never (this default never tells), so a reader still asks {@link #unheard} again now and then. {@code watcher}
     * runs on the appender's thread or the store's: it must return quickly.
     */
    default void watch(Consumer<Track> watcher) {
        Objects.requireNonNull(watcher, "'watcher' must not be null");
    }

    /**
     * Appends lines after those already scripted for this track (heard or not), in the order given.
     *
     * @throws PersistenceException when the store is unavailable
     */
    void append(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines);

    /**
     * The track's lines not yet heard whose index is at least {@code fromIndex}, in order (empty for an unknown call
     * or another tenant's).
     *
     * @throws PersistenceException when the store is unavailable
     */
    List<Line> unheard(TenantId tenant, CallSid callSid, Speaker speaker, int fromIndex);

    /**
     * Records that the line was heard (its final segment delivered): no stream of the call hears it again. Marking a
     * line twice, or one that does not exist, changes nothing.
     *
     * @throws PersistenceException when the store is unavailable
     */
    void heard(TenantId tenant, CallSid callSid, Speaker speaker, int index);

    /** Checks a script's lines: none null or blank; returns them stripped. */
    static List<String> checked(List<String> lines) {
        Objects.requireNonNull(lines, "'lines' must not be null");
        return lines.stream().map(line -> {
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("'lines' must not contain null or blank lines");
            }
            return line.strip();
        }).toList();
    }
}
