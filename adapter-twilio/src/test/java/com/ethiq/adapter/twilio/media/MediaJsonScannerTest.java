package com.ethiq.adapter.twilio.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written media scanner against Jackson: on valid Twilio frames (any field order, whitespace, extra
 * fields) it takes the fast path and reads the same track, payload and timestamp; on anything else, including
 * random mutations of valid frames, it either falls back or agrees with Jackson. Never an exception.
 */
class MediaJsonScannerTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[] INBOUND = MediaJsonScanner.ascii("inbound");
    private static final byte[] OUTBOUND = MediaJsonScanner.ascii("outbound");

    private final MediaJsonScanner scanner = new MediaJsonScanner();

    @Test
    void readsTwiliosMediaFrame() {
        byte[] audio = new byte[160];
        new Random(1).nextBytes(audio);
        String frame = TwilioFrames.media(7, "MZ123", "outbound", 6, 120, audio);
        Slice buf = slice(frame);
        assertThat(scanner.scan(buf.bytes, buf.from, buf.to)).isEqualTo(MediaJsonScanner.MEDIA);
        assertThat(scanner.trackIs(OUTBOUND)).isTrue();
        assertThat(scanner.timestampMillis).isEqualTo(120);
        byte[] out = new byte[200];
        int n = Base64Audio.decode(buf.bytes, scanner.payloadStart, scanner.payloadEnd, out, 10);
        assertThat(n).isEqualTo(160);
        assertThat(java.util.Arrays.copyOfRange(out, 10, 170)).isEqualTo(audio);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}",
            "{\"event\":\"stop\",\"sequenceNumber\":\"9\",\"stop\":{\"callSid\":\"CA1\"}}",
            "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"\\/\\/8=\"}}",
            "{\"event\":\"media\",\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"//8=\"}}",
            "{\"event\":\"media\",\"media\":{\"track\":\"inbound\"}}",
            "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"//8=\"}} trailing",
            "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"//8=\",}}",
            "{\"event\":\"média\",\"media\":{\"track\":\"inbound\",\"payload\":\"//8=\"}}",
            "[1,2,3]", "", "   ", "{", "{}", "null", "{\"event\":1}",
            "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"//8=\",\"n\":01}}",
            "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"//8=\",\"n\":1.}}",
    })
    void anythingUnusualFallsBackToJackson(String text) {
        Slice buf = slice(text);
        assertThat(scanner.scan(buf.bytes, buf.from, buf.to)).isEqualTo(MediaJsonScanner.FALLBACK);
    }

    @Test
    void validFramesInAnyShapeTakeTheFastPathAndAgreeWithJackson() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            byte[] audio = new byte[1 + random.nextInt(400)];
            random.nextBytes(audio);
            String payload = Base64.getEncoder().encodeToString(audio);
            if (random.nextBoolean()) {
                payload = payload.replace("=", "");
            }
            String track = random.nextBoolean() ? "inbound" : "outbound";
            List<String> media = new ArrayList<>(List.of("\"track\":\"" + track + "\"", "\"chunk\":\"" + i + "\"",
                    "\"timestamp\":" + (random.nextBoolean() ? "\"" + i * 20 + "\"" : Integer.toString(i * 20)),
                    "\"payload\":\"" + payload + "\""));
            if (random.nextBoolean()) {
                media.add("\"extra\":{\"a\":[1,-2.5e3,true,false,null,\"x\"]}");
            }
            Collections.shuffle(media, random);
            List<String> top = new ArrayList<>(List.of("\"event\":\"media\"", "\"sequenceNumber\":\"" + i + "\"",
                    "\"streamSid\":\"MZ" + i + "\"", "\"media\":{" + String.join(ws(random) + "," + ws(random), media) + "}"));
            Collections.shuffle(top, random);
            String frame = ws(random) + "{" + ws(random) + String.join("," + ws(random), top) + ws(random) + "}" + ws(random);
            Slice buf = slice(frame);
            assertThat(scanner.scan(buf.bytes, buf.from, buf.to)).as(frame).isEqualTo(MediaJsonScanner.MEDIA);
            assertAgreesWithJackson(frame, buf);
            assertThat(scanner.timestampMillis).isEqualTo(i * 20L);
        }
    }

    @Test
    void randomMutationsNeverFoolTheScanner() {
        Random random = new Random(7);
        String alphabet = "{}[]\":,\\ \t\n0123456789eE+-.abcdefnrstu/=AZ\u00e9";
        for (int i = 0; i < 100_000; i++) {
            byte[] audio = new byte[random.nextInt(60)];
            random.nextBytes(audio);
            StringBuilder s = new StringBuilder(TwilioFrames.media(i, "MZ1", random.nextBoolean() ? "inbound" : "outbound", i, i, audio));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = s.toString();
            Slice buf = slice(text);
            int result = scanner.scan(buf.bytes, buf.from, buf.to);
            if (result == MediaJsonScanner.MEDIA) {
                assertAgreesWithJackson(text, buf);
            }
        }
    }

    private void assertAgreesWithJackson(String text, Slice buf) {
        JsonNode node;
        try {
            node = JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("scanner accepted what Jackson rejects: " + text, e);
        }
        assertThat(node.path("event").asText()).isEqualTo("media");
        String track = node.path("media").path("track").asText();
        assertThat(scanner.trackIs(MediaJsonScanner.ascii(track))).as(text).isTrue();
        byte[] payloadBytes = java.util.Arrays.copyOfRange(buf.bytes, scanner.payloadStart, scanner.payloadEnd);
        assertThat(new String(payloadBytes, StandardCharsets.US_ASCII)).isEqualTo(node.path("media").path("payload").asText());
        // base64: ours decodes exactly what the JDK decodes, and refuses what it refuses
        byte[] jdk;
        try {
            jdk = Base64.getDecoder().decode(node.path("media").path("payload").asText());
        } catch (IllegalArgumentException e) {
            jdk = null;
        }
        byte[] ours = new byte[Math.max(0, payloadBytes.length)];
        int n = Base64Audio.decode(buf.bytes, scanner.payloadStart, scanner.payloadEnd, ours, 0);
        if (jdk == null) {
            assertThat(n).as("JDK refuses %s", text).isNegative();
        } else {
            assertThat(n).as(text).isEqualTo(jdk.length);
            assertThat(java.util.Arrays.copyOf(ours, n)).isEqualTo(jdk);
        }
    }

    private static String ws(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n  ";
            case 2 -> "\t";
            default -> "";
        };
    }

    /** A frame inside a larger array, as in a network buffer: bytes before and after it must never be read. */
    private record Slice(byte[] bytes, int from, int to) {
    }

    private static Slice slice(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[t.length + 10];
        java.util.Arrays.fill(b, (byte) '"');
        System.arraycopy(t, 0, b, 3, t.length);
        return new Slice(b, 3, 3 + t.length);
    }
}
