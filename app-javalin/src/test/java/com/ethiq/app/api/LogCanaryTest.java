package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs the sensitive flows with canary values (password, TOTP seed and codes, tokens, a vendor secret, a phone
 * number, a transcript) and checks no log line, at any level our code logs, contains one of them.
 */
class LogCanaryTest {
    @Test
    void secretsNeverReachTheLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("com.ethiq");
        Level before = ours.getLevel();
        ours.setLevel(Level.TRACE);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        String password = "canary-pass-phrase-8812";
        String vendorSecret = "canary-vendor-secret-4471";
        String phone = "+33698765432";
        String transcript = "canary transcript words";
        try (ApiHarness h = new ApiHarness(ApiSettings.DEFAULT, new InsecureFastPasswordHasher())) {
            MatrixFixture.Callers callers = new MatrixFixture.Callers(h);
            MatrixFixture f = new MatrixFixture(h, callers);
            String email = "canary" + ApiHarness.nextSeq() + "@example.org";
            h.call("POST", "/api/auth/signup", null, json("email", email, "password", password));
            h.call("POST", "/api/auth/login", null, json("email", email, "password", "wrong-" + password));
            JsonNode tokens = h.call("POST", "/api/auth/login", null, json("email", email, "password", password)).json().get("tokens");
            String access = tokens.get("accessToken").asText();
            String refresh = tokens.get("refreshToken").asText();
            h.call("POST", "/api/auth/refresh", null, json("refreshToken", refresh));
            h.call("POST", "/api/auth/refresh", null, json("refreshToken", refresh)); // reuse: logged as a warning
            access = h.call("POST", "/api/auth/login", null, json("email", email, "password", password)).json().get("tokens")
                    .get("accessToken").asText();
            JsonNode enrol = h.call("POST", "/api/me/2fa/totp", access, null).json();
            String seed = enrol.get("secret").asText();
            String code = h.totp.codeFor(Secret.of(seed), h.clock.instant().getEpochSecond() / 30);
            JsonNode confirmed = h.call("POST", "/api/me/2fa/totp/confirm", access, json("code", code)).json();
            String recovery = confirmed.get("recoveryCodes").get(0).asText();
            h.call("POST", "/api/auth/login/second-factor", null, json("challenge", "x", "code", "123456"));
            String owner = callers.ownerTokens.access().value();
            String acc = "/api/accounts/" + f.account.value();
            h.call("PUT", acc + "/credentials/ai", owner, json("value", vendorSecret));
            h.call("POST", acc + "/contacts", owner, json("name", "Canary", "phone", phone));
            h.callLogs.appendSegment(f.account, f.callSid, com.ethiq.core.domain.TranscriptSegment.finalText(
                    com.ethiq.core.domain.Speaker.CALLER, 1, transcript));
            h.call("GET", acc + "/calls/" + f.callSid.value(), owner, null);
            h.call("GET", acc + "/calls", callers.operatorTokens.access().value(), null);
            h.call("POST", "/api/accounts", owner, json("displayName", "X", "region", "QQ", "sipAddress", "sip:q@x.sip.twilio.com"));

            List<String> lines = captured.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
            for (String canary : List.of(password, vendorSecret, phone, transcript, seed, code, recovery, refresh, access,
                    callers.ownerTokens.access().value(), email)) {
                assertThat(lines).as("log lines containing a canary").noneMatch(l -> l.contains(canary));
            }
            assertThat(lines).as("the reuse warning is there, naming no secret").anyMatch(l -> l.contains("refresh token reuse detected"));
        } finally {
            root.detachAppender(captured);
            ours.setLevel(before);
        }
    }
}
