package com.ethiq.adapter.twilio.media;

import java.util.Base64;

/** Text messages as Twilio sends them on a media stream (field order and numbers-as-strings included). */
final class TwilioFrames {
    private TwilioFrames() {
    }

    static String connected() {
        return "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    }

    static String start(String callSid, String token) {
        return "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"AC1\",\"streamSid\":\"MZ1\","
                + "\"callSid\":\"" + callSid + "\",\"tracks\":[\"inbound\",\"outbound\"],\"mediaFormat\":"
                + "{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1},\"customParameters\":"
                + "{\"token\":\"" + token + "\",\"n\":7}},\"streamSid\":\"MZ1\"}";
    }

    static String media(long sequence, String streamSid, String track, long chunk, long timestampMillis, byte[] mulaw) {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + sequence + "\",\"media\":{\"track\":\"" + track
                + "\",\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + timestampMillis + "\",\"payload\":\""
                + Base64.getEncoder().encodeToString(mulaw) + "\"},\"streamSid\":\"" + streamSid + "\"}";
    }

    static String mark(String name) {
        return "{\"event\":\"mark\",\"sequenceNumber\":\"4\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"" + name + "\"}}";
    }

    static String dtmf(String digit) {
        return "{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"sequenceNumber\":\"5\",\"dtmf\":{\"track\":\"inbound_track\","
                + "\"digit\":\"" + digit + "\"}}";
    }

    static String stop() {
        return "{\"event\":\"stop\",\"sequenceNumber\":\"9\",\"streamSid\":\"MZ1\",\"stop\":{\"accountSid\":\"AC1\","
                + "\"callSid\":\"CA1\"}}";
    }
}
