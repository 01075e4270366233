package com.ethiq.adapter.twilio.fake;

import com.ethiq.adapter.twilio.TwilioSettings;
import java.net.URI;
import java.time.Duration;

/** {@link TwilioSettings} aimed at a {@link FakeTwilioApi}: plain http allowed, short timeouts and backoffs. Stateless. */
public final class FakeTwilioSettings {
    private FakeTwilioSettings() {
    }

    /** Connect 1 s, read 2 s, 3 attempts with 5..20 ms backoff, default breaker, TLS not required. */
    public static TwilioSettings forFake(FakeTwilioApi api, URI publicBaseUrl) {
        return TwilioSettings.defaults(URI.create("https://placeholder.invalid"))
                .withRequireTls(false)
                .withApiBaseUrl(api.baseUrl())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .withRetry(new TwilioSettings.RetrySettings(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(20)))
                .withPublicBaseUrl(publicBaseUrl);
    }

    public static TwilioSettings forFake(FakeTwilioApi api) {
        return forFake(api, URI.create("https://voice.example.test"));
    }
}
