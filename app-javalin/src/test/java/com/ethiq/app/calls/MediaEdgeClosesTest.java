package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.app.sim.TwilioSignature;
import com.ethiq.core.domain.CallSid;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 8, on the wire: the media socket closes as docs/architecture.md and docs/twilio.md say — a binary
 * frame before the start at once with 1008 (not at the start deadline), text that is not UTF-8 with 1007, before and
 * after the start.
 */
class MediaEdgeClosesTest {
    private static CallPathHarness harness;
    private static EthiqApp app;
    private static TwilioCallSimulator twilio;

    @BeforeAll
    static void start() {
        harness = new CallPathHarness(false);
        app = harness.startApp(Map.of("ETHIQ_MEDIA_START_TIMEOUT", "PT10S"), cc -> cc);
        twilio = harness.simulator(app);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private Call protectedCall(TestTenant t) {
        Call call = twilio.ring(t.account(), "+33612121212", t.number());
        assertThat(call.twiml().protectedCall()).isTrue();
        return call;
    }

    @Test
    void aBinaryFrameBeforeTheStartClosesAtOnceWith1008() {
        TestTenant t = harness.tenant("Mme Binaire", 1);
        Call call = protectedCall(t);
        long began = System.nanoTime();
        MediaStream stream = call.openStream(TwilioCallSimulator.Signing.VALID).sendBinary(new byte[] {1, 2, 3});
        int code = stream.awaitClosed(Duration.ofSeconds(8)).map(MediaStream.Closed::code).orElse(0);
        long millis = (System.nanoTime() - began) / 1_000_000L;
        assertThat(code).isEqualTo(1008);
        assertThat(millis).as("closed long before the 10 s start deadline").isLessThan(5000);
        assertThat(app.assembly().core().callSessions().find(CallSid.of(call.callSid()))).isEmpty();
    }

    @Test
    void invalidUtf8TextClosesWith1007BeforeAndAfterTheStart() throws IOException {
        TestTenant t = harness.tenant("Mme Octets", 1);
        Call call = protectedCall(t);
        byte[] overlong = {'{', '"', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        try (RawSocket raw = RawSocket.open(app.port(), t.account().authToken(), call.twiml().streamUrl().orElseThrow())) {
            raw.sendText(overlong);
            assertThat(raw.closeCode()).isEqualTo(1007);
        }

        Call second = protectedCall(t);
        try (RawSocket raw = RawSocket.open(app.port(), t.account().authToken(), second.twiml().streamUrl().orElseThrow())) {
            raw.sendText(("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}").getBytes(StandardCharsets.UTF_8));
            StringBuilder params = new StringBuilder();
            second.twiml().streamParameters().forEach((k, v) -> params.append(params.isEmpty() ? "" : ",")
                    .append('"').append(k).append("\":\"").append(v).append('"'));
            raw.sendText(("{\"event\":\"start\",\"start\":{\"accountSid\":\"" + t.account().accountSid() + "\",\"callSid\":\""
                    + second.callSid() + "\",\"streamSid\":\"MZ1\",\"tracks\":[\"inbound\",\"outbound\"],\"customParameters\":{"
                    + params + "}}}").getBytes(StandardCharsets.UTF_8));
            assertThat(CallPathHarness.eventually(Duration.ofSeconds(5),
                    () -> app.assembly().core().callSessions().find(CallSid.of(second.callSid())).isPresent()))
                    .as("the stream started").isTrue();
            raw.sendText(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
            assertThat(raw.closeCode()).isEqualTo(1007);
        }
    }

    /** A hand-made WebSocket client: the JDK's refuses to send text that is not UTF-8. */
    private static final class RawSocket implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private RawSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static RawSocket open(int port, String authToken, String streamUrl) throws IOException {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(8000);
            RawSocket raw = new RawSocket(s);
            String request = "GET /twilio/media HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16])
                    + "\r\nX-Twilio-Signature: " + TwilioSignature.sign(authToken, streamUrl, Map.of()) + "\r\n\r\n";
            raw.out.write(request.getBytes(StandardCharsets.US_ASCII));
            raw.out.flush();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = raw.in.read();
                if (c < 0) {
                    throw new IOException("closed during the handshake: " + head);
                }
                head.append((char) c);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            return raw;
        }

        void sendText(byte[] payload) throws IOException {
            byte[] mask = {7, 3, 9, 1};
            out.write(0x81);
            if (payload.length < 126) {
                out.write(0x80 | payload.length);
            } else {
                out.write(0x80 | 126);
                out.write(payload.length >> 8);
                out.write(payload.length & 0xFF);
            }
            out.write(mask);
            byte[] masked = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                masked[i] = (byte) (payload[i] ^ mask[i % 4]);
            }
            out.write(masked);
            out.flush();
        }

        /** Reads frames until the server's close and returns its code. */
        int closeCode() throws IOException {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return -1;
                }
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                if ((b0 & 0x0F) == 0x8) {
                    return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
