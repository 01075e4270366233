package com.ethiq.app.sim;

import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON text frames Twilio sends on a unidirectional media stream ({@code connected}, {@code start}, {@code media},
 * {@code stop}, plus {@code mark} and {@code dtmf}), in Twilio's field order, numbers as strings. Stateless.
 */
public final class MediaMessages {
    /** 20 ms of mu-law digital silence. */
    public static final byte[] SILENCE_FRAME = silence(160);
    /** 20 ms of a 400 Hz tone at about -27 dBFS (8 whole periods, so frames join seamlessly): "speech" to the gate. */
    public static final byte[] VOICE_FRAME = voice(160);

    private MediaMessages() {
    }

    public static byte[] silence(int bytes) {
        byte[] b = new byte[bytes];
        java.util.Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    public static byte[] voice(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = com.ethiq.core.audio.MuLaw.encode((short) Math.round(2000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
        }
        return b;
    }

    public static String connected() {
        return "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    }

    public static String start(long sequence, String streamSid, String accountSid, String callSid, Map<String, String> customParameters) {
        String params = customParameters.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"event\":\"start\",\"sequenceNumber\":\"" + sequence + "\",\"start\":{\"accountSid\":" + quote(accountSid)
                + ",\"streamSid\":" + quote(streamSid) + ",\"callSid\":" + quote(callSid)
                + ",\"tracks\":[\"inbound\",\"outbound\"],\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1},"
                + "\"customParameters\":" + params + "},\"streamSid\":" + quote(streamSid) + "}";
    }

    /** {@code track} is "inbound" (caller) or "outbound" (the conference mix: the protected person). */
    public static String media(long sequence, String streamSid, String track, long chunk, long timestampMillis, byte[] mulaw) {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + sequence + "\",\"media\":{\"track\":\"" + track
                + "\",\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + timestampMillis + "\",\"payload\":\""
                + Base64.getEncoder().encodeToString(mulaw) + "\"},\"streamSid\":\"" + streamSid + "\"}";
    }

    public static String stop(long sequence, String streamSid, String accountSid, String callSid) {
        return "{\"event\":\"stop\",\"sequenceNumber\":\"" + sequence + "\",\"streamSid\":" + quote(streamSid)
                + ",\"stop\":{\"accountSid\":" + quote(accountSid) + ",\"callSid\":" + quote(callSid) + "}}";
    }

    public static String mark(long sequence, String streamSid, String name) {
        return "{\"event\":\"mark\",\"sequenceNumber\":\"" + sequence + "\",\"streamSid\":" + quote(streamSid)
                + ",\"mark\":{\"name\":" + quote(name) + "}}";
    }

    public static String dtmf(long sequence, String streamSid, String digit) {
        return "{\"event\":\"dtmf\",\"streamSid\":" + quote(streamSid) + ",\"sequenceNumber\":\"" + sequence
                + "\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":" + quote(digit) + "}}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
