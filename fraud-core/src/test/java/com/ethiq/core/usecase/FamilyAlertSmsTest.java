package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.fake.InMemoryFamilyLinks;
import com.ethiq.core.family.FamilyOutcome;
import com.ethiq.core.family.FamilyResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** With a link store, every alert SMS carries its recipient's own link, stored before the alert is recorded. */
class FamilyAlertSmsTest {
    private static final Verdict SCAM = new Verdict.Scam(0.82, ScamCategory.FAKE_BANK_ADVISER, List.of(), "banque, code");
    private static final Pattern LINK = Pattern.compile("https://ethiq\\.example\\.com/f/([A-Za-z0-9_-]{22})");

    private final InMemoryFamilyLinks links = new InMemoryFamilyLinks();
    private final CoreHarness h = new CoreHarness(null, b -> b.familyLinks(links, "https://ethiq.example.com")
                .announcementStore(new com.ethiq.core.fake.InMemoryAnnouncementStore()));
    private final Tenant tenant = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111", "+33622222222");

    @Test
    void eachContactGetsItsOwnWorkingLink() {
        FamilyResponse family = h.core.family().orElseThrow();
        AlertService alerts = new AlertService(h.contacts, h.outbox, h.audit, h.outcomes, h.core.alertDispatcher(),
                h.core.storeWrites(), Runnable::run, h.ids, h.clock);
        alerts.composeSmsWith(family);
        CallSid call = CallSid.of("CA1");
        h.callLogs.open(com.ethiq.core.domain.CallLog.started(tenant.id(), call, "+33999888777", h.clock.instant(),
                com.ethiq.core.domain.CallProtection.PROTECTED));

        alerts.raise(tenant, call, ConferenceName.forCall(tenant.id(), call), SCAM, null);

        List<String> sms = h.callControl.sent().stream().filter(s -> s.kind().equals("sms")).map(CoreHarness.StubCallControl.Sent::body).toList();
        assertThat(sms).hasSize(2);
        List<String> tokens = sms.stream().map(body -> {
            Matcher m = LINK.matcher(body);
            assertThat(m.find()).as(body).isTrue();
            return m.group(1);
        }).toList();
        assertThat(tokens).doesNotHaveDuplicates();
        assertThat(links.forCall(tenant.id(), call)).hasSize(2);
        for (String token : tokens) {
            assertThat(family.show(token)).isInstanceOf(FamilyOutcome.Shown.class);
        }
        assertThat(alerts.raise(tenant, call, ConferenceName.forCall(tenant.id(), call), SCAM, null)).isEmpty();
    }
}
