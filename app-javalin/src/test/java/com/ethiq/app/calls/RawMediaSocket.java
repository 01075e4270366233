package com.ethiq.app.calls;

import com.ethiq.app.sim.TwilioSignature;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A hand-made WebSocket client for the media socket's framing tests: it writes any bytes (frames legal or not, built
 * with {@link com.ethiq.app.calls.media.ClientFrames}: unmasked, reserved bits and opcodes, lengths its payload does
 * not have), in one write or a byte at a time, and reads the server's frames raw.
 */
final class RawMediaSocket implements AutoCloseable {
    /** One server frame. */
    record Frame(int firstByte, byte[] payload) {
        int opcode() {
            return firstByte & 0x0F;
        }

        /** The close code of a close frame (1005 when it has none). */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawMediaSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Upgrades, sending {@code early} in the same write as the request (frames before the 101). */
    static RawMediaSocket open(int port, String authToken, String streamUrl, byte[] early) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(8000);
        s.setTcpNoDelay(true);
        RawMediaSocket raw = new RawMediaSocket(s);
        String request = "GET /twilio/media HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16])
                + "\r\nX-Twilio-Signature: " + TwilioSignature.sign(authToken, streamUrl, Map.of()) + "\r\n\r\n";
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(request.getBytes(StandardCharsets.US_ASCII));
        first.writeBytes(early);
        raw.out.write(first.toByteArray());
        raw.out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = raw.in.read();
            if (c < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) c);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + head);
        }
        return raw;
    }

    RawMediaSocket send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes every byte in its own write (with no delay: most reach the server alone). */
    RawMediaSocket sendByteByByte(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
        }
        return this;
    }

    /** The next frame from the server, or null at the end of the stream. */
    Frame read() throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            return null;
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("a server frame must not be masked");
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
        return new Frame(b0, in.readNBytes((int) length));
    }

    /** Reads frames until the server's close and returns its code (-1: the stream ended without one). */
    int closeCode() throws IOException {
        while (true) {
            Frame f = read();
            if (f == null) {
                return -1;
            }
            if (f.opcode() == 0x8) {
                return f.closeCode();
            }
        }
    }

    /** Whether the server ends the stream (after its close, if any) within the socket's timeout. */
    boolean endsStream() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
