package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.fake.InMemoryFamilyLinks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A measuring run for docs/performance.md, not a timed assertion: from the scam verdict on the scam line (the
 * {@code raise} the call session makes) to the SMS request carrying the contact's link, with the link issued, hashed and
 * stored and the alert recorded on in-memory stores. Prints p50/p99 over 500 calls after 200 warm-up calls.
 */
class FamilyLinkLatencyFigures {
    private static final Verdict SCAM = new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(), "'code' demandé");

    @Test
    void scamVerdictToSmsWithLink() {
        InMemoryFamilyLinks links = new InMemoryFamilyLinks();
        CoreHarness h = new CoreHarness(null, b -> b.familyLinks(links, "https://ethiq.example.com")
                .announcementStore(new com.ethiq.core.fake.InMemoryAnnouncementStore()));
        Tenant tenant = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");
        AlertService alerts = new AlertService(h.contacts, h.outbox, h.audit, h.outcomes, h.core.alertDispatcher(),
                h.core.storeWrites(), Runnable::run, h.ids, h.clock);
        alerts.composeSmsWith(h.core.family().orElseThrow());
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            CallSid call = CallSid.of("CA" + i);
            int before = h.callControl.sent().size();
            long t0 = System.nanoTime();
            alerts.raise(tenant, call, ConferenceName.forCall(tenant.id(), call), SCAM, null);
            long t1 = System.nanoTime();
            assertThat(h.callControl.sent().subList(before, h.callControl.sent().size()))
                    .anyMatch(s -> s.kind().equals("sms") && s.body().contains("https://ethiq.example.com/f/"));
            if (i >= 200) {
                micros.add((t1 - t0) / 1_000);
            }
        }
        Collections.sort(micros);
        System.out.printf("scam verdict -> SMS request with link (in-memory stores, 500 calls): p50 %d us, p99 %d us, max %d us%n",
                micros.get(micros.size() / 2), micros.get((int) (micros.size() * 0.99)), micros.get(micros.size() - 1));
        assertThat(links.forCall(tenant.id(), CallSid.of("CA699"))).hasSize(1);
    }
}
