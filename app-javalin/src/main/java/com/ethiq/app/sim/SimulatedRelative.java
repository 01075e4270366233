package com.ethiq.app.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relative who got the alert SMS and presses "join" on the family page while the scam call is live: watches the
 * simulated deliveries of the call for the SMS, takes the link from it, and posts the action as the page would
 * (same origin). What happened is returned as one line for the simulator's transcript of the call.
 */
final class SimulatedRelative {
    private static final Pattern LINK = Pattern.compile("(https?://\\S+)/f/([A-Za-z0-9_-]{22})");

    private final CallSimulator simulator;
    private final HttpClient http;
    private final URI baseUrl;

    SimulatedRelative(CallSimulator simulator, HttpClient http, URI baseUrl) {
        this.simulator = simulator;
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** Starts watching; the future completes with what the relative did (or why they could not) within {@code patience}. */
    CompletableFuture<String> pressJoinOnceAlerted(String callSid, Duration patience) {
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    JsonNode report = simulator.report(callSid);
                    for (JsonNode d : report.path("simulatedDeliveries")) {
                        Matcher m = LINK.matcher(d.path("body").asText(""));
                        if ("sms".equals(d.path("kind").asText()) && m.find()) {
                            return press(m.group(2));
                        }
                    }
                    if ("ended".equals(report.path("state").asText())) {
                        return "relative: no alert SMS with a link before the call ended";
                    }
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "relative: interrupted";
                } catch (Exception e) {
                    return "relative: " + e.getMessage();
                }
            }
            return "relative: no alert SMS with a link within " + patience.toSeconds() + " s";
        });
    }

    private String press(String token) throws Exception {
        String origin = baseUrl.getScheme() + "://" + baseUrl.getAuthority();
        HttpRequest post = HttpRequest.newBuilder(baseUrl.resolve("/api/family/" + token + "/actions/join"))
                .header("Origin", origin).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
        return "relative pressed \"join\" on the family link: HTTP " + r.statusCode() + " "
                + r.body().replaceAll(".*\"result\":\"([a-z-]+)\".*", "$1");
    }
}
