package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.SmsSending;
import com.ethiq.app.AccountSmsSending;
import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET/PATCH /api/accounts/{id}/telephony} (issue 22): who hears spoken warnings and the account's own alert SMS
 * sender, stored, audited, validated, and used by the SMS path ({@link AccountSmsSending}) instead of the platform's.
 */
class TelephonyApiTest {
    private static ApiHarness h;
    private static MatrixFixture.Callers callers;

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(100_000), new InsecureFastPasswordHasher());
        callers = new MatrixFixture.Callers(h);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String owner() {
        return callers.ownerTokens.access().value();
    }

    @Test
    void anAccountChoosesItsAudienceAndItsOwnSenderAndTheSmsPathUsesIt() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String path = "/api/accounts/" + f.account.value() + "/telephony";
        SmsSending platform = SmsSending.alphanumeric("ETHIQ");
        AccountSmsSending senders = new AccountSmsSending(h.accountTelephony, platform);

        Response initial = h.call("GET", path, owner(), null);
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.json().get("announcementAudience").asText()).isEqualTo("protected-person");
        assertThat(initial.json().path("smsSenderId").isTextual()).as("no sender of its own").isFalse();
        assertThat(senders.forTenant(f.account)).isEqualTo(platform);

        Response changed = h.call("PATCH", path, owner(), json("announcementAudience", "everyone", "smsSenderId", "MAMIE SAFE"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("smsSenderId").asText()).isEqualTo("MAMIE SAFE");
        assertThat(h.accountTelephony.of(f.account).audience()).isEqualTo(AnnouncementAudience.EVERYONE);
        assertThat(senders.forTenant(f.account).alphanumericSender()).contains("MAMIE SAFE");
        assertThat(senders.forTenant(f.account).validityPeriod()).isEqualTo(platform.validityPeriod());
        assertThat(h.audit.recent(f.account, 20)).anySatisfy(e -> assertThat(e.action()).isEqualTo("settings.telephony_changed"));

        // only the audience changes; then an empty sender goes back to the platform's
        h.call("PATCH", path, owner(), json("announcementAudience", "protected-person"));
        assertThat(h.accountTelephony.of(f.account).senderId()).contains("MAMIE SAFE");
        h.call("PATCH", path, owner(), json("smsSenderId", ""));
        assertThat(senders.forTenant(f.account)).isEqualTo(platform);
    }

    @Test
    void invalidSendersAndAudiencesAreA400AndChangeNothing() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String path = "/api/accounts/" + f.account.value() + "/telephony";

        assertThat(h.call("PATCH", path, owner(), json("smsSenderId", "123456")).status()).as("digits only").isEqualTo(400);
        assertThat(h.call("PATCH", path, owner(), json("smsSenderId", "TWELVE CHARS")).status()).as("over 11").isEqualTo(400);
        assertThat(h.call("PATCH", path, owner(), json("announcementAudience", "caller")).status()).isEqualTo(400);
        assertThat(h.accountTelephony.find(f.account)).isEqualTo(Optional.empty());
    }

    @Test
    void anOwnerSetsTheAccountsRegulatoryBundleAndAddressAuditedAndValidated() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String path = "/api/accounts/" + f.account.value() + "/telephony";
        String bundle = "BU0123456789abcdef0123456789abcdef";
        String address = "AD0123456789abcdef0123456789abcdef";

        Response set = h.call("PATCH", path, owner(), json("regulatoryBundleSid", bundle, "addressSid", address));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("regulatoryBundleSid").asText()).isEqualTo(bundle);
        assertThat(h.call("GET", path, owner(), null).json().get("addressSid").asText()).isEqualTo(address);
        assertThat(h.accountTelephony.of(f.account).bundle()).contains(bundle);
        assertThat(h.audit.recent(f.account, 20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("settings.telephony_changed");
            assertThat(e.details()).containsEntry("regulatoryBundle", bundle);
        });

        assertThat(h.call("PATCH", path, owner(), json("regulatoryBundleSid", "AD0123456789abcdef0123456789abcdef")).status())
                .as("an address SID is not a bundle").isEqualTo(400);
        assertThat(h.call("PATCH", path, owner(), json("addressSid", "AD123")).status()).isEqualTo(400);
        assertThat(h.accountTelephony.of(f.account).address()).contains(address);

        // blank goes back to the platform's default
        h.call("PATCH", path, owner(), json("regulatoryBundleSid", "", "addressSid", ""));
        assertThat(h.accountTelephony.of(f.account).bundle()).isEmpty();
        assertThat(h.accountTelephony.of(f.account).address()).isEmpty();
    }

    @Test
    void aViewerReadsButCannotChange() {
        MatrixFixture f = new MatrixFixture(h, callers);
        String path = "/api/accounts/" + f.account.value() + "/telephony";
        String viewer = callers.viewerTokens.access().value();
        assertThat(h.call("GET", path, viewer, null).status()).isEqualTo(200);
        assertThat(h.call("PATCH", path, viewer, json("smsSenderId", "EVIL")).status()).isEqualTo(403);
    }
}
