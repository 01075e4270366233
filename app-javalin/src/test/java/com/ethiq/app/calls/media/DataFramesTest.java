package com.ethiq.app.calls.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

/** {@link DataFrames}: the same messages from array slices (lean reader) and from Jetty's heap or direct payloads. */
class DataFramesTest {
    private final List<String> seen = new ArrayList<>();
    private boolean readOn = true;
    private final DataFrames frames = new DataFrames(1024, new DataFrames.Messages() {
        @Override
        public boolean onText(byte[] bytes, int from, int to) {
            seen.add("text:" + new String(bytes, from, to - from, StandardCharsets.UTF_8));
            return readOn;
        }

        @Override
        public void onBinary() {
            seen.add("binary");
        }

        @Override
        public void onTooLarge() {
            seen.add("too large");
        }

        @Override
        public void onStrayContinuation() {
            seen.add("stray");
        }
    });

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private boolean slice(byte opcode, boolean fin, String payload) {
        byte[] padded = utf8("##" + payload + "##"); // the payload sits inside a larger buffer, as in the network one
        return frames.onFrame(opcode, fin, padded, 2, padded.length - 2);
    }

    @Test
    void wholeAndFragmentedTextFromSlices() {
        assertThat(slice(OpCode.TEXT, true, "{\"a\":1}")).isTrue();
        assertThat(slice(OpCode.TEXT, false, "{\"b\"")).isTrue();
        assertThat(slice(OpCode.CONTINUATION, false, ":")).isTrue();
        assertThat(slice(OpCode.CONTINUATION, true, "2}")).isTrue();
        assertThat(seen).containsExactly("text:{\"a\":1}", "text:{\"b\":2}");
    }

    @Test
    void theHandlersAnswerIsPassedOn() {
        readOn = false;
        assertThat(slice(OpCode.TEXT, true, "{}")).isFalse();
        assertThat(slice(OpCode.TEXT, false, "{")).as("a fragment is not a message yet").isTrue();
        assertThat(slice(OpCode.CONTINUATION, true, "}")).isFalse();
    }

    @Test
    void aBinaryMessageIsReportedOnceAndItsContinuationsSkipped() {
        frames.onFrame(OpCode.BINARY, false, new byte[] {1, 2}, 0, 2);
        frames.onFrame(OpCode.CONTINUATION, false, new byte[] {3}, 0, 1);
        frames.onFrame(OpCode.CONTINUATION, true, new byte[] {4}, 0, 1);
        slice(OpCode.TEXT, true, "{}");
        assertThat(seen).containsExactly("binary", "text:{}");
    }

    @Test
    void aFragmentedMessageAboveTheLimitIsDroppedAndReported() {
        slice(OpCode.TEXT, false, "x".repeat(600));
        slice(OpCode.CONTINUATION, true, "y".repeat(600));
        assertThat(seen).containsExactly("too large");
    }

    @Test
    void jettyPayloadsOnHeapOrDirectReadTheSame() {
        ByteBuffer heap = ByteBuffer.wrap(utf8("##{\"h\":1}##"), 2, 7).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(2000);
        direct.put(utf8("{\"d\":\"" + "z".repeat(1500) + "\"}")).flip();
        frames.onFrame(OpCode.TEXT, true, heap);
        frames.onFrame(OpCode.TEXT, true, direct);
        frames.onFrame(OpCode.TEXT, true, ByteBuffer.allocate(0));
        frames.onFrame(OpCode.TEXT, true, (ByteBuffer) null);
        assertThat(seen).containsExactly("text:{\"h\":1}", "text:{\"d\":\"" + "z".repeat(1500) + "\"}", "text:", "text:");
        assertThat(direct.position()).as("the payload buffer is not consumed").isZero();
    }
}
