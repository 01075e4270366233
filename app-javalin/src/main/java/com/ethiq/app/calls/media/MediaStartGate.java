package com.ethiq.app.calls.media;

import com.ethiq.adapter.twilio.media.MediaStreamEvent;
import com.ethiq.core.usecase.CallSession;
import java.util.Objects;

/**
 * What a media socket asks when its {@code start} arrives: decides whether a stream's {@code start} may feed a call, and returns the call
 * session to feed. Called on a worker thread (it may touch the database); implementations are thread-safe.
 */
public interface MediaStartGate {

    /**
     * What the socket knows when its {@code start} arrives: the start message, and the upgrade's Twilio signature
     * header ({@code upgradeVerified} when it already matched the platform account's token).
     */
    record StartRequest(MediaStreamEvent.Start start, String upgradeSignature, boolean upgradeVerified) {
        public StartRequest {
            Objects.requireNonNull(start, "'start' must not be null");
            Objects.requireNonNull(upgradeSignature, "'upgradeSignature' must not be null");
        }
    }

    /** Outcome of a start. */
    sealed interface Decision permits Accepted, Refused {
    }

    /** Feed this session; run {@code release} once when the stream is over (frees the tenant's socket slot). */
    record Accepted(CallSession session, Runnable release) implements Decision {
        public Accepted {
            Objects.requireNonNull(session, "'session' must not be null");
            Objects.requireNonNull(release, "'release' must not be null");
        }
    }

    /** Close the socket with {@code closeCode}; {@code reason} is a short code safe to log and count. */
    record Refused(String reason, int closeCode) implements Decision {
    }

    Decision start(StartRequest request);
}
