package com.ethiq.adapter.twilio.media;

/** What the protocol asks of the socket after an unusable message (WebSocket close codes of RFC 6455 §7.4.1). */
public enum StreamClose {
    /** Count it and keep the stream. */
    NONE(0),
    /** 1007: the peer keeps sending data that cannot be used. */
    BAD_DATA(1007),
    /** 1008: the peer does not follow the protocol (or the start was not acceptable). */
    POLICY_VIOLATION(1008),
    /** 1009: a message above the size limit. */
    MESSAGE_TOO_LARGE(1009);

    private final int code;

    StreamClose(int code) {
        this.code = code;
    }

    /** The WebSocket close code (0 for {@link #NONE}). */
    public int code() {
        return code;
    }
}
