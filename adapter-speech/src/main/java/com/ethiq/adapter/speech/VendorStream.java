package com.ethiq.adapter.speech;

import com.google.api.gax.rpc.BidiStreamingCallable;
import com.google.api.gax.rpc.ClientStream;
import com.google.api.gax.rpc.ClientStreamReadyObserver;
import com.google.api.gax.rpc.ResponseObserver;
import com.google.api.gax.rpc.StreamController;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gRPC {@code StreamingRecognize} call of a track. gRPC callbacks are forwarded to {@link Events} (which hands
 * them to the track's serial executor); the mutable fields are only touched there. A track has at most one current
 * stream plus those retiring after a restart.
 */
final class VendorStream {

    /** Callbacks of a stream, called on gRPC threads. */
    interface Events {
        void onReady(VendorStream stream);

        void onResponse(VendorStream stream, StreamingRecognizeResponse response);

        void onError(VendorStream stream, Throwable error);

        void onComplete(VendorStream stream);
    }

    final int generation;
    final String model;
    final Instant openedAt;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final Runnable onTerminated;
    private volatile StreamController controller;
    private ClientStream<StreamingRecognizeRequest> requests;

    // touched only on the track's serial executor
    long bytesSent;
    boolean halfClosed;
    boolean retiring;
    boolean cancelled;
    boolean gotResponse;
    boolean billed;

    private VendorStream(int generation, String model, Instant openedAt, Runnable onTerminated) {
        this.generation = generation;
        this.model = model;
        this.openedAt = openedAt;
        this.onTerminated = onTerminated;
    }

    /**
     * Starts the call and sends the configuration request. If this throws, {@code onTerminated} has run or will run.
     *
     * @param onTerminated run once when gRPC reports the end of the call, whatever the outcome
     */
    static VendorStream start(BidiStreamingCallable<StreamingRecognizeRequest, StreamingRecognizeResponse> callable,
                              StreamingRecognizeRequest config, int generation, String model, Instant now,
                              Events events, Runnable onTerminated) {
        VendorStream stream = new VendorStream(generation, model, now, onTerminated);
        ResponseObserver<StreamingRecognizeResponse> responses = new ResponseObserver<>() {
            @Override
            public void onStart(StreamController c) {
                stream.controller = c;
            }

            @Override
            public void onResponse(StreamingRecognizeResponse response) {
                events.onResponse(stream, response);
            }

            @Override
            public void onError(Throwable t) {
                stream.terminate();
                events.onError(stream, t);
            }

            @Override
            public void onComplete() {
                stream.terminate();
                events.onComplete(stream);
            }
        };
        ClientStreamReadyObserver<StreamingRecognizeRequest> ready = ignored -> events.onReady(stream);
        try {
            stream.requests = callable.internalCall(responses, ready, null);
        } catch (RuntimeException e) {
            stream.terminate(); // no call was made: nothing else will report its end
            throw e;
        }
        try {
            stream.requests.send(config);
        } catch (RuntimeException e) {
            stream.requests.closeSendWithError(e); // gRPC then reports the end through onError
            throw e;
        }
        return stream;
    }

    boolean isReady() {
        return !halfClosed && !cancelled && requests.isSendReady();
    }

    void sendAudio(ByteString audio) {
        requests.send(StreamingRecognizeRequest.newBuilder().setAudioContent(audio).build());
        bytesSent += audio.size();
    }

    /** No more audio: Google finishes the pending utterance, sends the billed time and completes. */
    void halfClose() {
        if (!halfClosed && !cancelled) {
            halfClosed = true;
            requests.closeSend();
        }
    }

    /** Abandons the call; gRPC then reports CANCELLED through onError. */
    void cancel() {
        if (cancelled || terminated.get()) {
            return;
        }
        cancelled = true;
        StreamController c = controller;
        if (c != null) {
            c.cancel();
        } else {
            requests.closeSendWithError(new CancellationException("track closed"));
        }
    }

    boolean isTerminated() {
        return terminated.get();
    }

    private void terminate() {
        if (terminated.compareAndSet(false, true)) {
            onTerminated.run();
        }
    }
}
