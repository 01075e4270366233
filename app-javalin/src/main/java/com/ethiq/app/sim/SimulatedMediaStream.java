package com.ethiq.app.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The media WebSocket of one simulated call, as Twilio would open it: signed upgrade, {@code connected}, {@code start}
 * with the stream's parameters, 20 ms mu-law frames on both tracks at real pace ({@link CallAudio}: speech and line
 * noise, or the old tone), each scripted turn handed to the simulated recogniser just before its audio starts, the
 * next turn after a pause of a conversation, then {@code stop}. One instance per call.
 */
final class SimulatedMediaStream implements WebSocket.Listener {
    /** Hands one call's next lines to the simulated recogniser; returns the audio they need, in ms. */
    @FunctionalInterface
    interface TurnScripter {
        long script(String callSid, List<CallScript.Turn> turns) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CallSimulator.Target target;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final CallSimulator.Pacing pacing;
    private final TurnScripter scripter;
    private final String callSid;
    private final String streamSid;
    private final SimulatedTwiml twiml;
    private final CallScript script;
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicReference<String> closedBy = new AtomicReference<>("");
    private final List<CallSimulator.TurnTiming> timings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> serverClosed = new CompletableFuture<>();
    private final byte[] inboundFrame = new byte[CallSimulator.FRAME_BYTES];
    private final byte[] outboundFrame = new byte[CallSimulator.FRAME_BYTES];
    private final CallAudio audio;
    private final CallSimulator.Audio mode;
    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;

    SimulatedMediaStream(CallSimulator.Target target, HttpClient http, ScheduledExecutorService scheduler,
                         CallSimulator.Pacing pacing, TurnScripter scripter, String callSid, String streamSid,
                         SimulatedTwiml twiml, CallScript script, CallSimulator.Audio mode) {
        this.target = target;
        this.http = http;
        this.scheduler = scheduler;
        this.pacing = pacing;
        this.scripter = scripter;
        this.callSid = callSid;
        this.streamSid = streamSid;
        this.twiml = twiml;
        this.script = script;
        this.mode = mode;
        this.audio = new CallAudio(mode, mode == CallSimulator.Audio.SPEECH ? SpeechClips.shared() : null, script.language(),
                callSid.hashCode());
    }

    void connect() throws Exception {
        socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .header("X-Twilio-Signature", TwilioSigner.upgrade(target.authToken(), twiml.streamUrl()))
                .buildAsync(URI.create(twiml.streamUrl()), this)
                .get(10, TimeUnit.SECONDS);
        sending = CompletableFuture.completedFuture(socket);
        send(JSON.createObjectNode().put("event", "connected").put("protocol", "Call").put("version", "1.0.0"));
        ObjectNode start = JSON.createObjectNode();
        start.put("event", "start").put("sequenceNumber", Integer.toString(sequence.incrementAndGet())).put("streamSid", streamSid);
        ObjectNode s = start.putObject("start");
        s.put("streamSid", streamSid).put("accountSid", target.accountSid()).put("callSid", callSid);
        s.putArray("tracks").add("inbound").add("outbound");
        ObjectNode custom = s.putObject("customParameters");
        twiml.parameters().forEach(custom::put);
        s.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
        send(start);
    }

    /** Runs the call to its end; returns an error text if the server closed the socket early. */
    String play() {
        AtomicInteger nextTurn = new AtomicInteger();
        boolean speech = mode == CallSimulator.Audio.SPEECH;
        // a real call: a second of line noise after pick-up before the first words, pauses of 0.6-1.5 s between turns
        long[] nextTurnAtMs = {speech ? 1000 : 300};
        long[] endAtMs = {Long.MAX_VALUE};
        java.util.Random pauses = new java.util.Random(script.id().hashCode());
        AtomicInteger chunk = new AtomicInteger();
        long start = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable tick = () -> {
            try {
                long now = CallSimulator.millisSince(start);
                if (serverClosed.isDone()) {
                    done.complete(null);
                    return;
                }
                int c;
                synchronized (this) {
                    int k = nextTurn.get();
                    if (k < script.turns().size() && now >= nextTurnAtMs[0]) {
                        CallScript.Turn turn = script.turns().get(k);
                        nextTurnAtMs[0] = Long.MAX_VALUE; // until this turn's audio has been played
                        nextTurn.incrementAndGet();
                        // scripted first, then spoken: the recogniser knows the line before its audio arrives
                        CompletableFuture.supplyAsync(() -> {
                            try {
                                return scripter.script(callSid, List.of(turn));
                            } catch (Exception e) {
                                throw new java.util.concurrent.CompletionException(e);
                            }
                        }).whenComplete((needed, error) -> {
                            byte[] sound = error == null ? audio.soundOf(turn, needed) : null;
                            synchronized (this) {
                                if (error != null) {
                                    closedBy.compareAndSet("", "simulator: " + CallSimulator.rootMessage(error));
                                    done.complete(null);
                                    return;
                                }
                                long lasts = audio.start(turn.track(), sound);
                                timings.add(new CallSimulator.TurnTiming(k, turn.track(), CallSimulator.millisSince(start), lasts,
                                        java.time.Instant.now()));
                            }
                        });
                    }
                    if (now >= endAtMs[0]) {
                        done.complete(null);
                        return;
                    }
                    c = chunk.incrementAndGet();
                    if (audio.next(inboundFrame, outboundFrame)) {
                        if (nextTurn.get() < script.turns().size()) {
                            long pause = pacing.gapBetweenTurns().toMillis() + (speech ? pauses.nextInt(900) : 0);
                            nextTurnAtMs[0] = now + pause;
                        } else {
                            endAtMs[0] = now + pacing.tail().toMillis();
                        }
                    }
                    long ts = (long) (c - 1) * CallSimulator.FRAME_MILLIS;
                    send(media("inbound", c, ts, inboundFrame));
                    send(media("outbound", c, ts, outboundFrame));
                }
                frames.addAndGet(2);
            } catch (RuntimeException e) {
                closedBy.compareAndSet("", "simulator: " + e);
                done.complete(null);
            }
        };
        task.set(scheduler.scheduleAtFixedRate(tick, 0, CallSimulator.FRAME_MILLIS, TimeUnit.MILLISECONDS));
        try {
            done.get(30, TimeUnit.MINUTES);
        } catch (Exception e) {
            closedBy.compareAndSet("", "simulator: " + e);
        } finally {
            task.get().cancel(false);
        }
        if (serverClosed.isDone()) {
            return "the server closed the media socket early: " + closedBy.get();
        }
        ObjectNode stop = JSON.createObjectNode();
        stop.put("event", "stop").put("sequenceNumber", Integer.toString(sequence.incrementAndGet())).put("streamSid", streamSid);
        stop.putObject("stop").put("accountSid", target.accountSid()).put("callSid", callSid);
        send(stop);
        closedBy.compareAndSet("", "simulator (1000)");
        try {
            sending.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "")).get(5, TimeUnit.SECONDS);
            serverClosed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
        String simulatorError = closedBy.get().startsWith("simulator:") ? closedBy.get() : null;
        return simulatorError;
    }

    private ObjectNode media(String track, int chunk, long timestamp, byte[] payload) {
        ObjectNode m = JSON.createObjectNode();
        m.put("event", "media").put("sequenceNumber", Integer.toString(sequence.incrementAndGet())).put("streamSid", streamSid);
        m.putObject("media").put("track", track).put("chunk", Integer.toString(chunk))
                .put("timestamp", Long.toString(timestamp)).put("payload", Base64.getEncoder().encodeToString(payload));
        return m;
    }

    /** Sends in order: java.net.http.WebSocket allows one outstanding text message at a time. */
    private synchronized void send(ObjectNode message) {
        String text = message.toString();
        sending = sending.thenCompose(ws -> ws.sendText(text, true));
    }

    int frames() {
        return frames.get();
    }

    List<CallSimulator.TurnTiming> timings() {
        synchronized (timings) {
            return List.copyOf(timings);
        }
    }

    String closedBy() {
        return closedBy.get();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedBy.compareAndSet("", "server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        serverClosed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedBy.compareAndSet("", "server (" + CallSimulator.rootMessage(error) + ")");
        serverClosed.complete(null);
    }
}
