package com.ethiq.adapter.speech.fake;

import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.StreamingRecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognitionResult;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local stand-in for Google's {@code google.cloud.speech.v1.Speech/StreamingRecognize}, speaking the real protocol
 * (protobuf over gRPC, plain text) in-process or on a localhost TCP port, so the real client library runs unchanged.
 * It validates the first request (streaming_config, MULAW, 8000 Hz), recognises {@link FakeSpeechAudio} words in
 * the audio it receives (interim results, then a final after a silence), or, in script mode, "hears" scripted lines
 * in whatever audio arrives (any content: real phone audio, silence), each word taking {@link FakeSpeechAudio#WORD} of
 * audio. It reports {@code total_billed_time} when the client half-closes, and can misbehave on demand: a stream duration limit (OUT_OF_RANGE), errors on open or
 * mid-stream, a rejected model, silence (no answer at all), slowness. Everything it saw is recorded per stream.
 * Thread-safe.
 */
public final class FakeSpeechServer implements AutoCloseable {
    /** The real method, described by hand (grpc-google-cloud-speech-v1 is not a dependency). */
    public static final MethodDescriptor<StreamingRecognizeRequest, StreamingRecognizeResponse> STREAMING_RECOGNIZE =
            MethodDescriptor.<StreamingRecognizeRequest, StreamingRecognizeResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName("google.cloud.speech.v1.Speech/StreamingRecognize")
                    .setRequestMarshaller(ProtoUtils.marshaller(StreamingRecognizeRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(StreamingRecognizeResponse.getDefaultInstance()))
                    .build();
    /** Google's limit on audio per request. */
    public static final int MAX_AUDIO_PER_REQUEST = 25_600;
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> CALL_AUTHORIZATION = Context.key("authorization");

    private final Server server;
    private final ExecutorService executor;
    private final String inProcessName;
    private final List<StreamRecord> streams = new CopyOnWriteArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Set<String> rejectedModels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failOpens = new AtomicInteger();
    private final AtomicReference<Status.Code> failOpensWith = new AtomicReference<>(Status.Code.UNAVAILABLE);
    private final AtomicReference<MidStreamFailure> midStreamFailure = new AtomicReference<>();
    private volatile long streamLimitBytes = Long.MAX_VALUE;
    private volatile long silenceLimitBytes = Long.MAX_VALUE;
    private volatile long endSilenceBytes = 400L * FakeSpeechAudio.BYTES_PER_MS;
    private volatile boolean silent;
    private volatile long slowNanos;
    private final Deque<String> scriptedLines = new ArrayDeque<>();

    private FakeSpeechServer(boolean tcp) {
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-speech-server");
            t.setDaemon(true);
            return t;
        });
        ServerServiceDefinition service = ServerServiceDefinition.builder("google.cloud.speech.v1.Speech")
                .addMethod(STREAMING_RECOGNIZE, ServerCalls.asyncBidiStreamingCall(FakeCall::new))
                .build();
        ServerServiceDefinition intercepted = ServerInterceptors.intercept(service, new AuthorizationCapture());
        try {
            if (tcp) {
                inProcessName = null;
                server = ServerBuilder.forPort(0).executor(executor).addService(intercepted).build().start();
            } else {
                inProcessName = InProcessServerBuilder.generateName();
                server = InProcessServerBuilder.forName(inProcessName).executor(executor).addService(intercepted).build().start();
            }
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException(e);
        }
    }

    /** A server reachable through {@link #newChannel()} only. */
    public static FakeSpeechServer inProcess() {
        return new FakeSpeechServer(false);
    }

    /** A server on a free localhost port: point a client at {@link #endpoint()} with plain text. */
    public static FakeSpeechServer tcp() {
        return new FakeSpeechServer(true);
    }

    /** A new client channel to this server. */
    public ManagedChannel newChannel() {
        return channelBuilder().build();
    }

    /** A builder of client channels to this server (in-process: direct executor, as the vendor notes advise). */
    public ManagedChannelBuilder<?> channelBuilder() {
        if (inProcessName != null) {
            return InProcessChannelBuilder.forName(inProcessName).directExecutor();
        }
        return ManagedChannelBuilder.forAddress("localhost", server.getPort()).usePlaintext();
    }

    /** "localhost:port" of a TCP server. */
    public String endpoint() {
        if (inProcessName != null) {
            throw new IllegalStateException("an in-process server has no endpoint; use newChannel()");
        }
        return "localhost:" + server.getPort();
    }

    // ---- behaviour (may change while streams run) ----

    /** Ends a stream with OUT_OF_RANGE once it has received more than this much audio (Google: ~305 s). */
    public FakeSpeechServer streamLimit(Duration audio) {
        streamLimitBytes = audio.toMillis() * FakeSpeechAudio.BYTES_PER_MS;
        return this;
    }

    /** Ends a stream with OUT_OF_RANGE after this much audio without any word. */
    public FakeSpeechServer silenceLimit(Duration audio) {
        silenceLimitBytes = audio.toMillis() * FakeSpeechAudio.BYTES_PER_MS;
        return this;
    }

    /** Silence that ends an utterance (default 400 ms). */
    public FakeSpeechServer endOfUtterance(Duration silence) {
        endSilenceBytes = silence.toMillis() * FakeSpeechAudio.BYTES_PER_MS;
        return this;
    }

    /** The next {@code count} streams fail with {@code code} on their first request. */
    public FakeSpeechServer failOpens(int count, Status.Code code) {
        failOpensWith.set(code);
        failOpens.set(count);
        return this;
    }

    /** Once: the first stream to have received {@code afterAudio} (counted from now on) fails with {@code code}. */
    public FakeSpeechServer failMidStream(Duration afterAudio, Status.Code code) {
        midStreamFailure.set(new MidStreamFailure(afterAudio.toMillis() * FakeSpeechAudio.BYTES_PER_MS, code));
        return this;
    }

    /** Refuses this model with INVALID_ARGUMENT, as Google does for a model a language lacks. */
    public FakeSpeechServer rejectModel(String model) {
        rejectedModels.add(model);
        return this;
    }

    /** Streams opened from now on never answer: no results, no completion (until cancelled). */
    public FakeSpeechServer silent(boolean value) {
        silent = value;
        return this;
    }

    /**
     * Script mode: these lines are heard, in order and each once, in the audio of whichever stream is receiving audio,
     * whatever that audio is. A line cut by the end of its stream is heard again from its start on the next stream.
     * Meant for one track at a time (an app's smoke test with a real phone or silence); several tracks would share it.
     */
    public FakeSpeechServer script(List<String> lines) {
        synchronized (scriptedLines) {
            scriptedLines.addAll(lines);
        }
        return this;
    }

    /** Scripted lines not yet heard to the end. */
    public int scriptRemaining() {
        synchronized (scriptedLines) {
            return scriptedLines.size() + (int) streams.stream().filter(StreamRecord::speakingScript).count();
        }
    }

    /** Each audio request takes this long to process (gRPC flow control then slows the client). */
    public FakeSpeechServer slow(Duration perRequest) {
        slowNanos = perRequest.toNanos();
        return this;
    }

    // ---- what happened ----

    public List<StreamRecord> streams() {
        return List.copyOf(streams);
    }

    public int activeStreams() {
        return active.get();
    }

    /** Sum of the billed time reported to clients. */
    public Duration totalBilled() {
        return streams.stream().map(StreamRecord::billed).reduce(Duration.ZERO, Duration::plus);
    }

    public void awaitNoActiveStreams(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(active.get() + " fake speech streams still active after " + timeout);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    private record MidStreamFailure(long afterBytes, Status.Code code) {
    }

    /** Puts the call's Authorization header (if any) where the handler can record it. */
    private static final class AuthorizationCapture implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String authorization = headers.get(AUTHORIZATION);
            Context context = Context.current().withValue(CALL_AUTHORIZATION, authorization);
            return Contexts.interceptCall(context, call, headers, next);
        }
    }

    /** One StreamingRecognize call. */
    private final class FakeCall implements StreamObserver<StreamingRecognizeRequest>, FakeRecognizer.Results {
        private final StreamObserver<StreamingRecognizeResponse> responses;
        private final StreamRecord record;
        private final boolean silentCall = silent;
        private FakeRecognizer recognizer;
        private boolean configured;
        private volatile boolean ended;
        private long failAfterBytes = -1;
        private Status.Code failCode;
        private String[] lineWords;
        private String lineText;
        private long lineStart;
        private int wordsHeard;

        FakeCall(StreamObserver<StreamingRecognizeResponse> responses) {
            this.responses = responses;
            this.record = new StreamRecord(CALL_AUTHORIZATION.get(), System.nanoTime());
            streams.add(record);
            active.incrementAndGet();
            // after the client's half-close, gRPC reports a cancellation only through this handler
            ((ServerCallStreamObserver<StreamingRecognizeResponse>) responses).setOnCancelHandler(() -> onError(
                    Status.CANCELLED.withDescription("client cancelled").asRuntimeException()));
        }

        @Override
        public void onNext(StreamingRecognizeRequest request) {
            if (ended) {
                return;
            }
            if (!configured) {
                configure(request);
                return;
            }
            pause();
            if (request.hasStreamingConfig()) {
                end(Status.INVALID_ARGUMENT.withDescription("streaming_config is only allowed in the first request"));
                return;
            }
            int size = request.getAudioContent().size();
            if (size > MAX_AUDIO_PER_REQUEST) {
                end(Status.INVALID_ARGUMENT.withDescription("Request audio can be a maximum of 25600 bytes"));
                return;
            }
            long before = record.audioBytes();
            record.audio(size);
            if (!silentCall) {
                recognizer.feed(request.getAudioContent(), this);
                hearScript(before, record.audioBytes());
            }
            checkLimits();
        }

        @Override
        public void onError(Throwable t) {
            if (!ended) {
                ended = true;
                record.end(Status.fromThrowable(t).getCode().name(), utteranceOpen());
                giveBackScriptLine();
                active.decrementAndGet();
            }
        }

        @Override
        public void onCompleted() {
            if (ended || silentCall) {
                return; // a silent server ignores the half-close: the client must give up and cancel
            }
            if (recognizer != null) {
                recognizer.flush(this);
            }
            if (lineWords != null && wordsHeard > 0) {
                fin(String.join(" ", List.of(lineWords).subList(0, wordsHeard)), record.audioBytes() / FakeSpeechAudio.BYTES_PER_MS);
                endScriptLine();
            }
            giveBackScriptLine();
            long ms = record.audioBytes() / FakeSpeechAudio.BYTES_PER_MS;
            long billedSeconds = (ms + 999) / 1000; // billed by the started second
            record.billed(Duration.ofSeconds(billedSeconds));
            responses.onNext(StreamingRecognizeResponse.newBuilder()
                    .setTotalBilledTime(com.google.protobuf.Duration.newBuilder().setSeconds(billedSeconds))
                    .build());
            ended = true;
            record.end("OK", false);
            active.decrementAndGet();
            responses.onCompleted();
        }

        @Override
        public void interim(String text, long endMs) {
            send(text, false, endMs);
        }

        @Override
        public void fin(String text, long endMs) {
            record.finalText(text);
            send(text, true, endMs);
        }

        /** Script mode: advances the scripted line being heard over the audio from {@code from} to {@code to}. */
        private void hearScript(long from, long to) {
            long wordBytes = FakeSpeechAudio.WORD.toMillis() * FakeSpeechAudio.BYTES_PER_MS;
            while (true) {
                if (lineWords == null) {
                    synchronized (scriptedLines) {
                        lineText = scriptedLines.pollFirst();
                        if (lineText == null) {
                            return;
                        }
                        lineWords = lineText.strip().split("\\s+");
                        record.speakingScript(true);
                    }
                    lineStart = from;
                    wordsHeard = 0;
                }
                while (wordsHeard < lineWords.length && lineStart + (wordsHeard + 1) * wordBytes <= to) {
                    wordsHeard++;
                    interim(String.join(" ", List.of(lineWords).subList(0, wordsHeard)),
                            (lineStart + wordsHeard * wordBytes) / FakeSpeechAudio.BYTES_PER_MS);
                }
                long finalAt = lineStart + lineWords.length * wordBytes + endSilenceBytes;
                if (wordsHeard < lineWords.length || finalAt > to) {
                    return;
                }
                fin(lineText, finalAt / FakeSpeechAudio.BYTES_PER_MS);
                endScriptLine();
                from = finalAt;
            }
        }

        private void endScriptLine() {
            synchronized (scriptedLines) {
                lineWords = null;
                lineText = null;
                record.speakingScript(false);
            }
        }

        /** The stream ends with a scripted line not heard to the end: it will be said again on the next stream. */
        private void giveBackScriptLine() {
            if (lineWords != null) {
                synchronized (scriptedLines) {
                    scriptedLines.addFirst(lineText);
                    lineWords = null;
                    lineText = null;
                    record.speakingScript(false);
                }
            }
        }

        private boolean utteranceOpen() {
            return (recognizer != null && recognizer.utteranceOpen()) || (lineWords != null && wordsHeard > 0);
        }

        private void configure(StreamingRecognizeRequest request) {
            configured = true;
            if (!request.hasStreamingConfig()) {
                end(Status.INVALID_ARGUMENT.withDescription("the first request must carry streaming_config"));
                return;
            }
            StreamingRecognitionConfig streaming = request.getStreamingConfig();
            RecognitionConfig config = streaming.getConfig();
            record.config(streaming);
            if (!request.getAudioContent().isEmpty()) {
                end(Status.INVALID_ARGUMENT.withDescription("the first request must not carry audio"));
            } else if (config.getEncoding() != RecognitionConfig.AudioEncoding.MULAW) {
                end(Status.INVALID_ARGUMENT.withDescription("encoding must be MULAW here, got " + config.getEncoding()));
            } else if (config.getSampleRateHertz() != 8000) {
                end(Status.INVALID_ARGUMENT.withDescription("sample_rate_hertz must be 8000 here, got " + config.getSampleRateHertz()));
            } else if (config.getAudioChannelCount() > 1) {
                end(Status.INVALID_ARGUMENT.withDescription("audio_channel_count must be 1"));
            } else if (config.getLanguageCode().isBlank()) {
                end(Status.INVALID_ARGUMENT.withDescription("language_code is required"));
            } else if (rejectedModels.contains(config.getModel())) {
                end(Status.INVALID_ARGUMENT.withDescription("The requested model is currently not supported for language : "
                        + config.getLanguageCode() + "."));
            } else if (failOpens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                end(Status.fromCode(failOpensWith.get()).withDescription("injected failure on open"));
            } else {
                recognizer = new FakeRecognizer(endSilenceBytes);
            }
        }

        private void checkLimits() {
            if (failAfterBytes < 0) {
                MidStreamFailure armed = midStreamFailure.getAndSet(null);
                if (armed != null) {
                    failAfterBytes = record.audioBytes() + armed.afterBytes();
                    failCode = armed.code();
                }
            }
            if (failAfterBytes >= 0 && record.audioBytes() >= failAfterBytes) {
                end(Status.fromCode(failCode).withDescription("injected failure mid-stream"));
            } else if (record.audioBytes() > streamLimitBytes) {
                end(Status.OUT_OF_RANGE.withDescription("Exceeded maximum allowed stream duration of "
                        + streamLimitBytes / FakeSpeechAudio.BYTES_PER_MS / 1000 + " seconds."));
            } else if (!silentCall && recognizer.speechFreeBytes() > silenceLimitBytes && !recognizer.utteranceOpen()) {
                end(Status.OUT_OF_RANGE.withDescription("Audio Timeout Error: Long duration elapsed without audio."));
            }
        }

        private void send(String text, boolean isFinal, long endMs) {
            StreamingRecognitionResult.Builder result = StreamingRecognitionResult.newBuilder()
                    .setIsFinal(isFinal)
                    .setResultEndTime(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(endMs / 1000).setNanos((int) (endMs % 1000) * 1_000_000))
                    .addAlternatives(SpeechRecognitionAlternative.newBuilder()
                            .setTranscript(text).setConfidence(isFinal ? 0.92f : 0f));
            if (!isFinal) {
                result.setStability(0.8f);
            }
            responses.onNext(StreamingRecognizeResponse.newBuilder().addResults(result).build());
        }

        private void end(Status status) {
            ended = true;
            record.end(status.getCode().name(), utteranceOpen());
            giveBackScriptLine();
            active.decrementAndGet();
            responses.onError(status.asRuntimeException());
        }

        private void pause() {
            long nanos = slowNanos;
            if (nanos > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** What one stream saw. Thread-safe. */
    public static final class StreamRecord {
        private final String authorization;
        private final long startNanos;
        private StreamingRecognitionConfig config;
        private long audioBytes;
        private long firstAudioNanos;
        private long endNanos;
        private Duration billed = Duration.ZERO;
        private String outcome;
        private boolean cutMidUtterance;
        private boolean speakingScript;
        private final List<String> finals = new ArrayList<>();

        StreamRecord(String authorization, long startNanos) {
            this.authorization = authorization;
            this.startNanos = startNanos;
        }

        synchronized void config(StreamingRecognitionConfig value) {
            config = value;
        }

        synchronized void audio(int bytes) {
            if (audioBytes == 0) {
                firstAudioNanos = System.nanoTime();
            }
            audioBytes += bytes;
        }

        synchronized void billed(Duration value) {
            billed = value;
        }

        synchronized void speakingScript(boolean value) {
            speakingScript = value;
        }

        synchronized boolean speakingScript() {
            return speakingScript;
        }

        synchronized void finalText(String text) {
            finals.add(text);
        }

        synchronized void end(String how, boolean midUtterance) {
            outcome = how;
            cutMidUtterance = midUtterance;
            endNanos = System.nanoTime();
        }

        /** The Authorization header the client sent, or null. */
        public String authorization() {
            return authorization;
        }

        public synchronized StreamingRecognitionConfig config() {
            return config;
        }

        public synchronized long audioBytes() {
            return audioBytes;
        }

        public synchronized Duration audio() {
            return Duration.ofMillis(audioBytes / FakeSpeechAudio.BYTES_PER_MS);
        }

        public synchronized Duration billed() {
            return billed;
        }

        /** "OK" for a completed stream, else the status code it ended with; null while open. */
        public synchronized String outcome() {
            return outcome;
        }

        /** The stream ended while words of an utterance were heard but not yet final. */
        public synchronized boolean cutMidUtterance() {
            return cutMidUtterance;
        }

        public synchronized List<String> finals() {
            return List.copyOf(finals);
        }

        public long startNanos() {
            return startNanos;
        }

        public synchronized long firstAudioNanos() {
            return firstAudioNanos;
        }

        public synchronized long endNanos() {
            return endNanos;
        }
    }
}
