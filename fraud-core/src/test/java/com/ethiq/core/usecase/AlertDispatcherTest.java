package com.ethiq.core.usecase;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.PhoneNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {
    private final CoreHarness h = new CoreHarness();
    private final Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);

    private Alert enqueueSms() {
        Alert a = Alert.pending(h.ids.newId(), t.id(), CallSid.of("CA1"), new AlertRecipient.Phone(PhoneNumber.of("+33611111111")), "Alerte", Language.FRENCH, h.clock.instant());
        assertThat(h.outbox.enqueue(a)).isTrue();
        return a;
    }

    @Test
    void transientFailuresAreRetriedWithBackoffAndDeliveredOnce() {
        Alert a = enqueueSms();
        h.callControl.transientFailuresLeft = 2;
        AlertDispatcher d = h.core.alertDispatcher();
        assertThat(d.dispatchDue()).isEqualTo(1);
        assertThat(d.dispatchDue()).as("not due before its backoff").isZero();
        h.clock.advance(Duration.ofSeconds(2));
        assertThat(d.dispatchDue()).isEqualTo(1);
        h.clock.advance(Duration.ofSeconds(3));
        assertThat(d.dispatchDue()).as("second backoff is 4 s").isZero();
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(d.dispatchDue()).isEqualTo(1);
        h.clock.advance(Duration.ofMinutes(10));
        assertThat(d.dispatchDue()).isZero();
        assertThat(h.callControl.sent()).hasSize(1);
        Alert done = h.outbox.forCall(t.id(), a.callSid()).get(0);
        assertThat(done.status()).isEqualTo(AlertStatus.SENT);
        assertThat(done.attempts()).isEqualTo(3);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        enqueueSms();
        h.callControl.permanentFailure = true;
        h.core.alertDispatcher().dispatchDue();
        h.clock.advance(Duration.ofHours(1));
        assertThat(h.core.alertDispatcher().dispatchDue()).isZero();
        Alert failed = h.outbox.recent(t.id(), 1).get(0);
        assertThat(failed.status()).isEqualTo(AlertStatus.FAILED);
        assertThat(failed.lastError()).contains("invalid 'To'");
        assertThat(h.audit.recent(t.id(), 5)).anyMatch(e -> e.action().equals("alert.failed"));
    }

    @Test
    void givesUpAfterMaxAttempts() {
        enqueueSms();
        h.callControl.transientFailuresLeft = 100;
        for (int i = 0; i < 20; i++) {
            h.core.alertDispatcher().dispatchDue();
            h.clock.advance(Duration.ofMinutes(6));
        }
        Alert a = h.outbox.recent(t.id(), 1).get(0);
        assertThat(a.status()).isEqualTo(AlertStatus.FAILED);
        assertThat(a.attempts()).isEqualTo(AlertDispatcher.Settings.DEFAULT.maxAttempts());
    }

    @Test
    void backoffDoublesUpToTheCap() {
        AlertDispatcher d = h.core.alertDispatcher();
        assertThat(d.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(d.backoff(30)).isEqualTo(Duration.ofMinutes(5));
    }
}
