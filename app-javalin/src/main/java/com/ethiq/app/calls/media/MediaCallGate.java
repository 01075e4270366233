package com.ethiq.app.calls.media;

import com.ethiq.core.usecase.CallSession;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The app side of a media socket: decides whether a stream's {@code start} may feed a call, and returns the call
 * session to feed. Called on a worker thread (it may touch the database); implementations are thread-safe.
 */
public interface MediaCallGate {

    /** What the socket knows when its {@code start} arrives. */
    record StartRequest(String callSid, String accountSid, String streamSid, List<String> tracks,
                        Map<String, String> customParameters, String upgradeSignature, boolean upgradeVerified,
                        String mediaEncoding, int sampleRate, int channels) {
        public StartRequest {
            customParameters = Map.copyOf(customParameters);
            tracks = List.copyOf(tracks);
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
