package com.ethiq.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallerShown;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.RecordingCallControl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code ./ethiq serve} prints with simulated telephony: the SMS sender, the caller shown, the warning's audience. */
class SimulatedDeliveryPrinterTest {
    private final RecordingCallControl recording = new RecordingCallControl(MutableClock.at("2026-03-02T09:00:00Z"));
    private final TenantId tenant = TenantId.random();
    private final CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");
    private final ConferenceName conference = ConferenceName.forCall(tenant, call);

    private List<String> printed() {
        return recording.deliveries().stream().map(d -> SimulatedDeliveryPrinter.describe(d, t -> "MAMIE SAFE")).toList();
    }

    @Test
    void showsTheSenderTheCallerAndWhoHearsTheWarning() {
        recording.sendSms(tenant, PhoneNumber.of("+33184800000"), PhoneNumber.of("+33612345678"), "Appel suspect", "k-1");
        recording.ringProtectedPerson(tenant, conference, SipAddress.of("sip:jeanne@home.example.net"), PhoneNumber.of("+33184800000"),
                CallerShown.fromRaw("anonymous", Language.FRENCH), call, Duration.ofSeconds(30));
        recording.announce(tenant, conference, new Announcement("r0123456789abcdefABCDEF", tenant, call, "Attention : arnaque.",
                Language.FRENCH, AnnouncementAudience.PROTECTED_PERSON, "k-2", 1, false, Instant.parse("2026-03-02T09:00:00Z")));

        assertThat(printed()).satisfiesExactly(
                sms -> assertThat(sms).startsWith("[SIMULATED SMS] from MAMIE SAFE to +33*******78"),
                ring -> assertThat(ring).contains("the phone shows \"Numéro masqué\" (withheld)"),
                warning -> assertThat(warning).startsWith("[SIMULATED ANNOUNCEMENT] to the protected person only"));
    }
}
