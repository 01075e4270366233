package com.ethiq.app.calls.media;

/**
 * Where a {@link LeanWebSocketConnection} hands a media socket's data frames: the payload as an array slice, unmasked,
 * valid during the call only (no copy, no {@code Frame}). Called by the socket's reader only, one frame at a time.
 */
interface MediaFrameSink {
    /**
     * One text, binary or continuation frame.
     *
     * @param opcode {@code OpCode.TEXT}, {@code BINARY} or {@code CONTINUATION}
     * @return whether to read the next frame now; false pauses reading until the session's {@code demand()}
     */
    boolean onDataFrame(byte opcode, boolean fin, byte[] bytes, int from, int to);
}
