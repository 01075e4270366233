package com.ethiq.adapter.twilio.media;

/** Why a media stream message was unusable. {@link #code()} is a short label, safe to log and to count. */
public enum StreamProblem {
    /** Before the start: not a JSON object. */
    MALFORMED_BEFORE_START,
    /** Before the start: audio. */
    MEDIA_BEFORE_START,
    /** Before the start: anything but {@code connected} or {@code start}. */
    UNEXPECTED_BEFORE_START,
    /** A {@code start} without a usable call sid. */
    BAD_START,
    /** While streaming: not a JSON object. */
    MALFORMED_JSON,
    UNKNOWN_EVENT,
    UNEXPECTED_CONNECTED,
    UNEXPECTED_START,
    UNKNOWN_TRACK,
    EMPTY_PAYLOAD,
    BAD_BASE64,
    /** Twilio sends text frames only. */
    BINARY_FRAME,
    /** A continuation frame with no fragmented message open. */
    STRAY_CONTINUATION,
    /** More frames, or more audio, than a real call could have sent since the socket opened. */
    RATE_EXCEEDED,
    /** A message (or reassembled fragments) above the limit. */
    MESSAGE_TOO_LARGE,
    /** A text message that is not valid UTF-8 (RFC 6455 §8.1: the connection fails with 1007). */
    INVALID_UTF8,
    /** A known field with a value of the wrong JSON type (a number where a string belongs, say). */
    WRONG_TYPE;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    public String code() {
        return code;
    }
}
