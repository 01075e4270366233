package com.ethiq.adapter.twilio.media;

import com.ethiq.core.domain.Speaker;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one message of a Twilio Media Stream means, as read by {@link MediaStreamProtocol}: the events of Twilio's
 * protocol ({@code connected}, {@code start}, {@code media}, {@code mark}, {@code dtmf}, {@code stop}) and
 * {@link Rejected} for anything unusable. Audio reaches a hot listener without any of these records (see
 * {@link MediaStreamProtocol.Listener#onAudio}); {@link Audio} is what a plain listener gets.
 */
public sealed interface MediaStreamEvent {

    /** The first message of a stream. */
    record Connected(String protocol, String version) implements MediaStreamEvent {
        public Connected {
            Objects.requireNonNull(protocol, "'protocol' must not be null");
            Objects.requireNonNull(version, "'version' must not be null");
        }
    }

    /**
     * The stream's metadata. {@code customParameters} are the TwiML {@code <Parameter>}s (at most 16 textual ones are
     * kept); {@code accountSid} and {@code streamSid} are empty when absent. Format fields default to Twilio's
     * (mu-law, 8 kHz, mono) when absent.
     */
    record Start(String callSid, String streamSid, String accountSid, List<String> tracks,
                 Map<String, String> customParameters, String mediaEncoding, int sampleRate, int channels)
            implements MediaStreamEvent {
        public Start {
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            Objects.requireNonNull(streamSid, "'streamSid' must not be null");
            Objects.requireNonNull(accountSid, "'accountSid' must not be null");
            Objects.requireNonNull(mediaEncoding, "'mediaEncoding' must not be null");
            tracks = List.copyOf(tracks);
            customParameters = Map.copyOf(customParameters);
        }

        /** Custom parameters may hold a secret (the per-call media token): never printed. */
        @Override
        public String toString() {
            return "Start[callSid=" + callSid + ", streamSid=" + streamSid + ", tracks=" + tracks
                    + ", customParameters=" + customParameters.keySet() + ", format=" + mediaEncoding + "/" + sampleRate
                    + "/" + channels + "]";
        }
    }

    /** One frame of one track's mu-law audio (the array is the event's own). {@code timestampMillis} is -1 if absent. */
    record Audio(Speaker speaker, byte[] mulaw, long timestampMillis) implements MediaStreamEvent {
        public Audio {
            Objects.requireNonNull(speaker, "'speaker' must not be null");
            Objects.requireNonNull(mulaw, "'mulaw' must not be null");
        }
    }

    /** A mark Twilio echoes back (name may be empty). */
    record Mark(String name) implements MediaStreamEvent {
        public Mark {
            Objects.requireNonNull(name, "'name' must not be null");
        }
    }

    /** A key pressed on the call. The digit may be a code (a PIN): never logged, hence no digit in toString. */
    record Dtmf(String digit) implements MediaStreamEvent {
        public Dtmf {
            Objects.requireNonNull(digit, "'digit' must not be null");
        }

        @Override
        public String toString() {
            return "Dtmf[digit=*]";
        }
    }

    /** The stream is over (the call ended or the stream was stopped). */
    record Stop() implements MediaStreamEvent {
    }

    /**
     * A message (or frame) that could not be used, and what the socket must do about it: {@link StreamClose#NONE}
     * (count it and go on) or close with the given code.
     */
    record Rejected(StreamProblem problem, StreamClose close) implements MediaStreamEvent {
        public Rejected {
            Objects.requireNonNull(problem, "'problem' must not be null");
            Objects.requireNonNull(close, "'close' must not be null");
        }
    }
}
