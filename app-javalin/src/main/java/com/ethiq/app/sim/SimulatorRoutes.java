package com.ethiq.app.sim;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.adapter.twilio.TwilioWebhookSecurity;
import com.ethiq.app.CoreAssembly;
import com.ethiq.app.EthiqApp;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.RingResult;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.fake.SharedScriptTranscriber;
import com.ethiq.core.domain.TenantId;
import java.time.Duration;
import com.ethiq.core.port.CallControl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP side, registered only while speech is simulated ({@code ETHIQ_SPEECH=simulated}):
 * <ul>
 *   <li>{@code POST /sim/speech?to=<tenant number>&bodySHA256=<hex>} with
 *   {@code {"callSid":"CA…","turns":[{"track":"inbound","text":"…"}]}} appends lines to what the scripted recogniser
 *   will "hear" on each track of that call; they come out as partial then final segments paced by the audio the media
 *   stream actually delivers on that track. Answers {@code {"registered":n,"audioNeededMs":m}}. The app's simulated
 *   speech keeps the lines in the store ({@link SharedScriptTranscriber}), so the node the request lands on need not be
 *   the one that streams the call, and a survivor that streams the call again hears only what was not heard yet.</li>
 *   <li>{@code GET /sim/calls/{callSid}?to=<tenant number>} reports what happened to a call: state, verdict, alerts and
 *   their delivery status, and (with simulated telephony) every SMS and announcement that would have been sent.</li>
 * </ul>
 * Both are signed like Twilio webhooks with the tenant's auth token (JSON-body scheme for the POST), so only a client
 * that holds the tenant's Twilio credentials — i.e. one that could already call its webhooks — can script a call.
 * Thread-safe.
 */
public final class SimulatorRoutes implements EthiqApp.RouteModule {
    public static final String SPEECH = "/sim/speech";
    public static final String CALLS = "/sim/calls/{callSid}";
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_TURNS = 200;
    static final int MAX_TEXT_CHARS = 1000;
    private static final Logger log = LoggerFactory.getLogger(SimulatorRoutes.class);

    private final Scripting scripting;
    private final Supplier<URI> publicBaseUrl;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final TwilioWebhookSecurity security = new TwilioWebhookSecurity();

    /** Where a call's lines go, and the audio they need with the recogniser's pacing. */
    private interface Scripting {
        void script(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines);

        Duration audioNeeded(List<String> lines);
    }

    /**
     * A recogniser of this node only (a test's own): lines scripted here are heard by this node's streams only.
     *
     * @param transcriber   the scripted recogniser the app's call sessions use
     * @param publicBaseUrl the app's public base URL (known only once bound when the port is 0), as for webhooks
     */
    public SimulatorRoutes(ScriptedSpeechTranscriber transcriber, Supplier<URI> publicBaseUrl) {
        this(local(Objects.requireNonNull(transcriber, "'transcriber' must not be null")), publicBaseUrl);
    }

    /** The app's simulated speech: lines kept in the store, heard by whichever node streams the call. */
    public SimulatorRoutes(SharedScriptTranscriber transcriber, Supplier<URI> publicBaseUrl) {
        this(shared(Objects.requireNonNull(transcriber, "'transcriber' must not be null")), publicBaseUrl);
    }

    private SimulatorRoutes(Scripting scripting, Supplier<URI> publicBaseUrl) {
        this.scripting = scripting;
        this.publicBaseUrl = Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
    }

    private static Scripting local(ScriptedSpeechTranscriber transcriber) {
        return new Scripting() {
            @Override
            public void script(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines) {
                transcriber.script(callSid, speaker, lines);
            }

            @Override
            public Duration audioNeeded(List<String> lines) {
                return transcriber.audioNeeded(lines);
            }
        };
    }

    private static Scripting shared(SharedScriptTranscriber transcriber) {
        return new Scripting() {
            @Override
            public void script(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines) {
                transcriber.script(tenant, callSid, speaker, lines);
            }

            @Override
            public Duration audioNeeded(List<String> lines) {
                return transcriber.audioNeeded(lines);
            }
        };
    }

    /** The module when these adapters simulate speech; empty otherwise (real speech: the endpoints do not exist). */
    public static Optional<SimulatorRoutes> ifSimulated(com.ethiq.app.Adapters adapters, Supplier<URI> publicBaseUrl) {
        if (adapters.transcriber() instanceof SharedScriptTranscriber shared) {
            return Optional.of(new SimulatorRoutes(shared, publicBaseUrl));
        }
        return adapters.transcriber() instanceof ScriptedSpeechTranscriber scripted
                ? Optional.of(new SimulatorRoutes(scripted, publicBaseUrl)) : Optional.empty();
    }

    @Override
    public void register(JavalinConfig config, CoreAssembly assembly) {
        config.routes.post(SPEECH, ctx -> speech(ctx, assembly));
        config.routes.get(CALLS, ctx -> report(ctx, assembly));
    }

    private void speech(Context ctx, CoreAssembly assembly) throws Exception {
        if (ctx.contentLength() > MAX_BODY_BYTES) {
            ctx.status(413).result("payload too large");
            return;
        }
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length > MAX_BODY_BYTES) {
            ctx.status(413).result("payload too large");
            return;
        }
        String body = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        Optional<Signed> signed = signedTenant(ctx, assembly, body);
        if (signed.isEmpty()) {
            return;
        }
        ScriptRequest request;
        try {
            request = parse(body);
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        // the signature proves the tenant, not the call: only that tenant's own calls may be scripted
        if (assembly.adapters().callLogs().find(signed.get().tenant().id(), request.callSid()).isEmpty()) {
            ctx.status(404).json(Map.of("error", "no such call for this account"));
            return;
        }
        Map<Speaker, List<String>> bySpeaker = new EnumMap<>(Speaker.class);
        for (Turn t : request.turns()) {
            bySpeaker.computeIfAbsent(t.speaker(), s -> new ArrayList<>()).add(t.text());
        }
        long needed = 0;
        for (Map.Entry<Speaker, List<String>> e : bySpeaker.entrySet()) {
            scripting.script(signed.get().tenant().id(), request.callSid(), e.getKey(), e.getValue());
            needed = Math.max(needed, scripting.audioNeeded(e.getValue()).toMillis());
        }
        log.info("simulated speech: {} line(s) scripted for call {} of tenant {}", request.turns().size(),
                request.callSid(), signed.get().tenant().id());
        ctx.json(Map.of("registered", request.turns().size(), "audioNeededMs", needed));
    }

    private void report(Context ctx, CoreAssembly assembly) {
        Optional<Signed> signed = signedTenant(ctx, assembly, null);
        if (signed.isEmpty()) {
            return;
        }
        CallSid callSid;
        try {
            callSid = CallSid.of(ctx.pathParam("callSid"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        Tenant tenant = signed.get().tenant();
        Optional<CallLog> call = assembly.adapters().callLogs().find(tenant.id(), callSid);
        if (call.isEmpty()) {
            ctx.status(404).json(Map.of("error", "no such call"));
            return;
        }
        CallLog c = call.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("callSid", c.callSid().value());
        out.put("state", c.state().name().toLowerCase(java.util.Locale.ROOT));
        out.put("protection", c.protection().name().toLowerCase(java.util.Locale.ROOT));
        out.put("fraudDetected", c.fraudDetected());
        out.put("verdict", c.verdict());
        out.put("score", c.score());
        out.put("category", c.category().name().toLowerCase(java.util.Locale.ROOT));
        out.put("explanation", c.explanation());
        out.put("startedAt", c.startedAt().toString());
        out.put("endedAt", c.ended().map(Object::toString).orElse(null));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Alert a : assembly.adapters().alertOutbox().forCall(tenant.id(), callSid)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", a.kind().wire());
            m.put("recipient", a.recipient().textedNumber().map(PhoneNumber::masked).orElse("conference"));
            m.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("attempts", a.attempts());
            m.put("createdAt", a.createdAt().toString());
            m.put("sentAt", a.sentAt() == null ? null : a.sentAt().toString());
            alerts.add(m);
        }
        out.put("alerts", alerts);
        out.put("ringResult", c.ring().map(RingResult::wire).orElse(null));
        out.put("protectedLeg", c.protectedLeg().map(CallSid::value).orElse(null));
        // The account's phone-offline notices are keyed to the first call of the streak: listed per tenant, newest first.
        List<Map<String, Object>> notices = new ArrayList<>();
        for (Alert a : assembly.adapters().alertOutbox().recent(tenant.id(), 50)) {
            if (a.kind() == AlertKind.PHONE_OFFLINE) {
                notices.add(Map.of("to", a.recipient().textedNumber().map(PhoneNumber::masked).orElse("?"), "message", a.message(),
                        "status", a.status().name().toLowerCase(java.util.Locale.ROOT), "createdAt", a.createdAt().toString(),
                        "firstCall", a.callSid().value()));
            }
        }
        out.put("accountNotices", notices);
        out.put("simulatedDeliveries", simulatedDeliveries(assembly.adapters().callControl(), tenant, callSid,
                c.protectedLeg().orElse(null)));
        ctx.json(out);
    }

    /** What the recording telephony "sent" for this call; empty with real telephony (look at the phones instead). */
    private static List<Map<String, Object>> simulatedDeliveries(CallControl control, Tenant tenant, CallSid callSid, CallSid leg) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!(control instanceof RecordingCallControl recording)) {
            return out;
        }
        String marker = ":" + callSid.value() + ":";
        ConferenceName conference = ConferenceName.forCall(tenant.id(), callSid);
        for (RecordingCallControl.Delivery d : recording.deliveries()) {
            if (!d.tenant().equals(tenant.id())) {
                continue;
            }
            if (d instanceof RecordingCallControl.Sms sms && sms.idempotencyKey().contains(marker)) {
                out.add(Map.of("kind", "sms", "to", sms.to().masked(), "body", sms.body(), "at", sms.at().toString()));
            } else if (d instanceof RecordingCallControl.Announcement a && a.conference().equals(conference)) {
                out.add(Map.of("kind", "announcement", "message", a.message(), "language", a.language().name().toLowerCase(java.util.Locale.ROOT),
                        "at", a.at().toString()));
            } else if (d instanceof RecordingCallControl.ParticipantAdded p && p.conference().equals(conference)) {
                out.add(Map.of("kind", "participant", "sip", p.sipAddress().uri(), "timeoutSeconds", p.ringTimeout().toSeconds(),
                        "leg", p.leg().value(), "at", p.at().toString()));
            } else if (d instanceof RecordingCallControl.RelativeJoined j && j.conference().equals(conference)) {
                out.add(Map.of("kind", "relative_joined", "to", j.relative().masked(), "callerId", j.callerId().masked(),
                        "announcement", j.announcement(), "tone", "onEnter", "at", j.at().toString()));
            } else if (d instanceof RecordingCallControl.EndedWithNotice e && e.caller().equals(callSid)) {
                out.add(Map.of("kind", "ended_by_relative", "notice", e.notice(), "at", e.at().toString()));
            } else if (d instanceof RecordingCallControl.Diverted v && v.caller().equals(callSid)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", "diversion");
                if (v.diversion() instanceof CallControl.Diversion.Forward f) {
                    m.put("forwardTo", f.destination());
                    m.put("message", f.fallback().text());
                } else {
                    m.put("message", ((CallControl.Diversion.Message) v.diversion()).text());
                }
                m.put("at", v.at().toString());
                out.add(m);
            } else if (d instanceof RecordingCallControl.LegCancelled x && x.leg().equals(leg)) {
                out.add(Map.of("kind", "leg_cancelled", "leg", x.leg().value(), "at", x.at().toString()));
            } else if (d instanceof RecordingCallControl.Sms sms && sms.idempotencyKey().contains(":phone_offline:")) {
                out.add(Map.of("kind", "account_notice", "to", sms.to().masked(), "body", sms.body(), "at", sms.at().toString()));
            }
        }
        return out;
    }

    private record Signed(Tenant tenant) {
    }

    /** The tenant named by {@code ?to=}, if the request carries its valid Twilio signature; else answers 403. */
    private Optional<Signed> signedTenant(Context ctx, CoreAssembly assembly, String jsonBody) {
        String to = ctx.queryParam("to");
        Optional<Tenant> tenant = PhoneNumber.isValid(to)
                ? assembly.adapters().tenants().findByCalledNumber(PhoneNumber.of(to)) : Optional.empty();
        Optional<TelephonyCredentials> credentials = tenant.flatMap(t -> assembly.adapters().secrets().telephony(t.id()));
        String signature = ctx.header("X-Twilio-Signature");
        String url = publicBaseUrl.get() + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        boolean valid = credentials.isPresent() && (jsonBody == null
                ? security.isValid(url, Map.of(), signature, credentials.get().authToken())
                : security.isValidJson(url, jsonBody, signature, credentials.get().authToken()));
        if (!valid) {
            log.warn("simulator request refused: unknown number or bad Twilio signature (from {})", ctx.ip());
            ctx.status(403).result("forbidden");
            return Optional.empty();
        }
        return Optional.of(new Signed(tenant.get()));
    }

    record Turn(Speaker speaker, String text) {
    }

    record ScriptRequest(CallSid callSid, List<Turn> turns) {
    }

    ScriptRequest parse(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body must be JSON: {\"callSid\":\"CA…\",\"turns\":[{\"track\":\"inbound\",\"text\":\"…\"}]}");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        CallSid callSid = CallSid.of(root.path("callSid").asText(""));
        JsonNode turns = root.path("turns");
        if (!turns.isArray() || turns.isEmpty() || turns.size() > MAX_TURNS) {
            throw new IllegalArgumentException("'turns' must be an array of 1-" + MAX_TURNS + " turns");
        }
        List<Turn> out = new ArrayList<>();
        for (JsonNode t : turns) {
            String track = t.path("track").asText(t.path("speaker").asText(""));
            Speaker speaker = Speaker.fromWire(track);
            String text = t.path("text").asText("").strip();
            if (text.isEmpty() || text.length() > MAX_TEXT_CHARS) {
                throw new IllegalArgumentException("'text' of each turn must be 1-" + MAX_TEXT_CHARS + " characters");
            }
            out.add(new Turn(speaker, text));
        }
        return new ScriptRequest(callSid, out);
    }
}
