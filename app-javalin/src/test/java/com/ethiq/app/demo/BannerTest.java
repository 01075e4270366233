package com.ethiq.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BannerTest {
    private static final DemoTenant DEMO = new DemoTenant(TenantId.random(), "Démo", "+33199000001",
            "AC00000000000000000000000000000001", "token-not-shown", "+33199000123", "demo@ethiq.example.org", "demo-abcd-efgh-jkmn");

    @Test
    void namesEverySimulatedVendorLoudlyAndHidesTheTwilioToken() {
        String banner = Banner.render("http://localhost:8080/", Map.of("store", "postgresql", "speech", "simulated (scripted)",
                "telephony", "simulated (recorded, nothing is sent)", "ai", "none (phrase rules decide alone)"),
                "embedded PostgreSQL 17 on localhost:5432", ".ethiq", DEMO);
        assertThat(banner).contains("!!!  SIMULATED VENDORS: TELEPHONY, SPEECH  !!!", "Nothing here reaches a real phone",
                "Login       demo@ethiq.example.org  /  demo-abcd-efgh-jkmn", "./ethiq simulate", ".ethiq/demo.json");
        assertThat(banner.indexOf("telephony")).isLessThan(banner.indexOf("speech     "));
        assertThat(banner).doesNotContain("token-not-shown", "IN-MEMORY STORE");
    }

    @Test
    void realVendorsGetNoWarningAndNoDemoLines() {
        String banner = Banner.render("https://voice.example.com/", Map.of("telephony", "twilio", "speech", "google",
                "ai", "none (phrase rules decide alone)", "store", "postgresql"), "PostgreSQL jdbc:postgresql://db/ethiq", null, null);
        assertThat(banner).doesNotContain("SIMULATED", "Login", "simulate");
        assertThat(banner).contains("telephony  twilio", "speech     google");
        // says why there is no demo account to call in twilio mode
        assertThat(banner).contains("No demo account: with ETHIQ_TELEPHONY=twilio", "docs/onboarding.md");
    }

    @Test
    void aLoginCreatedByAnotherNodeIsNamedWithoutAPasswordThatWouldNotWork() {
        String banner = Banner.render("http://localhost:8080/", Map.of("telephony", "simulated (recorded, nothing is sent)"),
                "PostgreSQL jdbc:postgresql://db/ethiq", ".ethiq", DEMO.withLogin("demo@ethiq.example.org", ""));
        assertThat(banner).contains("Login       demo@ethiq.example.org  (password: the one printed by the node that created it)")
                .doesNotContain("demo@ethiq.example.org  /");
    }

    @Test
    void warnsWhenNothingIsKept() {
        String banner = Banner.render("http://localhost:8080/", Map.of("store", "in-memory (nothing survives a restart)",
                "telephony", "simulated (recorded, nothing is sent)"), "in-memory", null, null);
        assertThat(banner).contains("IN-MEMORY STORE");
    }
}
