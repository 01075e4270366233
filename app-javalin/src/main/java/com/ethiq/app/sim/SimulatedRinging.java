package com.ethiq.app.sim;

import com.ethiq.app.sim.CallSimulator.Outcome;
import com.ethiq.app.sim.CallSimulator.Pacing;
import com.ethiq.app.sim.CallSimulator.Pickup;
import com.ethiq.app.sim.CallSimulator.Target;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The minutes before the protected person picks up, as Twilio would play them: the caller hears the conference's wait
 * audio (measured from what the server serves), the person's leg reports its progress on the participant
 * StatusCallback, and when nobody answers the simulator waits for what the server does with the caller.
 */
final class SimulatedRinging {
    private final CallSimulator simulator;
    private final Target target;
    private final HttpClient http;
    private final Pacing pacing;
    private final SimulatedTwiml twiml;
    private final String callSid;
    private final String leg;
    private final String legCallback;

    SimulatedRinging(CallSimulator simulator, Target target, HttpClient http, Pacing pacing, SimulatedTwiml twiml,
                     String callSid) {
        this.simulator = simulator;
        this.target = target;
        this.http = http;
        this.pacing = pacing;
        this.twiml = twiml;
        this.callSid = callSid;
        this.leg = protectedLeg();
        this.legCallback = target.baseUrl() + "/twilio/participant-status?tenant="
                + CallSimulator.enc(twiml.parameters().getOrDefault("tenantId", "")) + "&call=" + callSid;
    }

    /** The wait document the conference names, and the audio it plays, measured: what the caller hears while it rings. */
    String ringback() {
        if (twiml.waitUrl() == null) {
            return "silence (no wait audio)";
        }
        try {
            HttpResponse<String> doc = simulator.postFormTo(twiml.waitUrl(),
                    Map.of("AccountSid", target.accountSid(), "CallSid", callSid));
            String body = doc.body();
            int open = body.indexOf("<Play");
            if (doc.statusCode() != 200 || open < 0) {
                return "silence (wait document answered " + doc.statusCode() + ")";
            }
            String url = body.substring(body.indexOf('>', open) + 1, body.indexOf("</Play>")).strip();
            HttpResponse<byte[]> audio = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(CallSimulator.REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return audio.statusCode() == 200 ? RingbackListener.describe(audio.body())
                    : "silence (audio answered " + audio.statusCode() + ")";
        } catch (Exception e) {
            return "silence (" + CallSimulator.rootMessage(e) + ")";
        }
    }

    /** The leg was created and rings. */
    void started() {
        simulator.callback(legCallback, legStatus("initiated"));
        simulator.callback(legCallback, legStatus("ringing"));
    }

    /** The protected person picked up. */
    void answered() {
        simulator.callback(legCallback, legStatus(Pickup.ANSWER.legStatus));
    }

    /**
     * The protected person does not take the call (no answer, busy, unreachable) or the caller hangs up first: the leg's
     * outcome is reported, the simulator waits for what the server does with the caller (a diversion, or the leg
     * cancelled), then the call ends as Twilio would report it.
     */
    Outcome notAnswered(CallScript script, long webhookMillis, Pickup pickup, List<String> heard) {
        String awaited;
        if (pickup == Pickup.CALLER_HANGS_UP) {
            simulator.callback(twiml.conferenceCallback(), Map.of("AccountSid", target.accountSid(), "CallSid", callSid,
                    "ConferenceSid", CallSimulator.newSid("CF"), "FriendlyName", twiml.conference(),
                    "StatusCallbackEvent", "participant-leave", "Timestamp", java.time.Instant.now().toString()));
            finalStatus(3);
            awaited = "leg_cancelled";
            heard.add("the caller hung up while it rang");
        } else {
            simulator.callback(legCallback, legStatus(pickup.legStatus));
            awaited = "diversion";
        }
        long deadline = System.nanoTime() + pacing.settle().toNanos();
        JsonNode report = null;
        JsonNode seen = null;
        while (seen == null && System.nanoTime() < deadline) {
            try {
                report = simulator.report(callSid);
                for (JsonNode d : report.path("simulatedDeliveries")) {
                    if (awaited.equals(d.path("kind").asText())) {
                        seen = d;
                    }
                }
            } catch (Exception e) {
                report = null;
            }
            if (seen == null) {
                CallSimulator.sleep(100);
            }
        }
        if (seen != null && awaited.equals("diversion")) {
            heard.add((seen.has("forwardTo") ? "forwarded to the voicemail " + seen.path("forwardTo").asText() + ", then " : "")
                    + "«" + seen.path("message").asText() + "», then the call ended");
            finalStatus(8);
        }
        JsonNode settled = simulator.settledReport(callSid, false);
        String error = seen != null ? null : "the server did not "
                + (awaited.equals("diversion") ? "divert the caller" : "cancel the ringing leg")
                + " within " + pacing.settle().toSeconds() + " s";
        return new Outcome(callSid, script, 200, webhookMillis, 0, 0, 0, List.of(), "",
                settled != null ? settled : report, error, List.copyOf(heard));
    }

    /** The protected person's leg as the server rang it (simulated telephony records one); a made-up sid otherwise. */
    private String protectedLeg() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                String found = simulator.report(callSid).path("protectedLeg").asText("");
                if (!found.isEmpty()) {
                    return found;
                }
            } catch (Exception e) {
                // not logged yet
            }
            CallSimulator.sleep(100);
        }
        return CallSimulator.newSid("CA");
    }

    private Map<String, String> legStatus(String status) {
        return Map.of("AccountSid", target.accountSid(), "CallSid", leg, "CallStatus", status, "Direction", "outbound-api",
                "Timestamp", java.time.Instant.now().toString());
    }

    private void finalStatus(long seconds) {
        try {
            simulator.postForm("/twilio/call-status", Map.of("AccountSid", target.accountSid(), "CallSid", callSid,
                    "CallStatus", "completed", "CallDuration", Long.toString(seconds), "From", target.callerNumber(),
                    "To", target.tenantNumber(), "Direction", "inbound"));
        } catch (Exception e) {
            // the report still says what happened
        }
    }
}
