package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.Secret;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Test vectors from vendor-protocols.md §2 (twilio-java's own RequestValidatorTest values plus our wss:// one). */
class TwilioWebhookSecurityTest {
    private static final Secret TOKEN = Secret.of("12345");
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String FORM_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    private static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
    private static final String BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    private static final String JSON_SIGNATURE = "a9nBmqA0ju/hNViExpshrM61xv4=";
    private static final String WSS_URL = "wss://example.com/media";
    private static final String WSS_SIGNATURE = "7PR3qMkpDyEJtMrVOY/LDyNq8J8=";

    private final TwilioWebhookSecurity security = new TwilioWebhookSecurity();

    private static Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Digits", "1234");
        p.put("CallSid", "CA1234567890ABCDE");
        p.put("To", "+18005551212");
        p.put("Caller", "+14158675309");
        p.put("From", "+14158675309");
        return p;
    }

    @Test
    void theFormVectorValidates() {
        assertThat(security.isValid(URL, params(), FORM_SIGNATURE, TOKEN)).isTrue();
    }

    @Test
    void theDefaultPortMayBeWrittenOrNot() {
        assertThat(security.isValid("https://mycompany.com:443/myapp.php?foo=1&bar=2", params(), FORM_SIGNATURE, TOKEN)).isTrue();
    }

    @Test
    void aForgedOrAlteredFormRequestFails() {
        Map<String, String> altered = new HashMap<>(params());
        altered.put("Digits", "1235");
        Map<String, String> extra = new HashMap<>(params());
        extra.put("CallStatus", "ringing");

        assertThat(security.isValid(URL, altered, FORM_SIGNATURE, TOKEN)).isFalse();
        assertThat(security.isValid(URL, extra, FORM_SIGNATURE, TOKEN)).isFalse();
        assertThat(security.isValid(URL, params(), "RSOYDt4T1cUTdK1PDd93/VVr8B9=", TOKEN)).isFalse();
        assertThat(security.isValid(URL, params(), FORM_SIGNATURE, Secret.of("54321"))).isFalse();
        assertThat(security.isValid("https://mycompany.com/myapp.php?foo=1&bar=3", params(), FORM_SIGNATURE, TOKEN)).isFalse();
        assertThat(security.isValid("http://mycompany.com/myapp.php?foo=1&bar=2", params(), FORM_SIGNATURE, TOKEN))
                .as("a URL rebuilt with the proxy's scheme does not match").isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aMissingSignatureIsInvalid(String header) {
        assertThat(security.isValid(URL, params(), header, TOKEN)).isFalse();
        assertThat(security.isValidWebSocketUpgrade(WSS_URL, header, TOKEN)).isFalse();
        assertThat(security.isValidJson(URL + "&bodySHA256=" + BODY_HASH, BODY, header, TOKEN)).isFalse();
    }

    @Test
    void theWebSocketUpgradeIsSignedOverTheWssUrlWithoutParameters() {
        assertThat(security.isValidWebSocketUpgrade(WSS_URL, WSS_SIGNATURE, TOKEN)).isTrue();
        assertThat(security.isValid("https://example.com/media", Map.of(), WSS_SIGNATURE, TOKEN))
                .as("rebuilding it as https:// never matches").isFalse();
        assertThat(security.isValidWebSocketUpgrade("wss://example.com/media2", WSS_SIGNATURE, TOKEN)).isFalse();
        assertThatThrownBy(() -> security.isValidWebSocketUpgrade("https://example.com/media", WSS_SIGNATURE, TOKEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wss://");
    }

    @Test
    void theJsonVectorValidatesAndATamperedBodyFails() {
        String signedUrl = URL + "&bodySHA256=" + BODY_HASH;

        assertThat(security.isValidJson(signedUrl, BODY, JSON_SIGNATURE, TOKEN)).isTrue();
        assertThat(security.isValidJson(signedUrl, BODY.replace("value", "valu3"), JSON_SIGNATURE, TOKEN)).isFalse();
        assertThat(security.isValidJson(URL, BODY, JSON_SIGNATURE, TOKEN)).as("no bodySHA256 in the URL").isFalse();
        assertThat(security.isValidJson(signedUrl, null, JSON_SIGNATURE, TOKEN)).isFalse();
        assertThat(security.isValidJson("https://bad url with spaces?bodySHA256=" + BODY_HASH, BODY, JSON_SIGNATURE, TOKEN)).isFalse();
    }

    @Test
    void configurationMistakesAreErrorsNotFalseNegatives() {
        assertThatThrownBy(() -> security.isValid(" ", params(), FORM_SIGNATURE, TOKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> security.isValid(URL, params(), FORM_SIGNATURE, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullFormParametersMeanNone() {
        assertThat(security.isValid(WSS_URL, null, WSS_SIGNATURE, TOKEN)).isTrue();
    }
}
