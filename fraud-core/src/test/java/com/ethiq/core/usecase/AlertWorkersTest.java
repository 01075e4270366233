package com.ethiq.core.usecase;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.PhoneNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The alert workers deliver one scam's alerts in parallel, wake at once on a fresh alert, and drain on shutdown. */
class AlertWorkersTest {
    private final Clock clock = Clock.systemUTC();
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
    private final Tenant tenant = new Tenant(TenantId.random(), "Mme Test", AccountStatus.ACTIVE, PhoneNumber.of("+33970000001"),
            SipAddress.of("sip:test@home.sip.twilio.com"), TenantSettings.defaults(), Instant.now());
    private final CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");
    private AlertWorkers workers;

    AlertWorkersTest() {
        tenants.create(tenant);
    }

    @AfterEach
    void tearDown() {
        if (workers != null) {
            workers.close();
        }
    }

    private AlertDispatcher dispatcher(CallControl callControl) {
        return new AlertDispatcher(outbox, new ComposedAlertOutcomes(outbox, new InMemoryUsageLedger(), new InMemoryAuditTrail()),
                tenants, callControl, IdGenerator.random(), clock,
                Runnable::run, AlertDispatcher.Sends.on(Runnable::run), new AlertDispatcher.Settings(1, Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 5));
    }

    private void sms(String to) {
        outbox.enqueue(Alert.pending(UUID.randomUUID(), tenant.id(), call, new AlertRecipient.Phone(PhoneNumber.of(to)), "Alerte", Language.FRENCH, clock.instant()));
    }

    /** Sends block until three are in flight together: only parallel workers get through. */
    private static class Rendezvous implements CallControl {
        final CountDownLatch together = new CountDownLatch(3);
        final AtomicInteger sent = new AtomicInteger();

        @Override
        public DeliveryReceipt sendSms(TenantId t, PhoneNumber from, PhoneNumber to, String body, String key) {
            together.countDown();
            try {
                together.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.incrementAndGet();
            return new DeliveryReceipt("SM" + key.hashCode(), "queued");
        }

        @Override
        public DeliveryReceipt announce(TenantId t, ConferenceName c, String m, Language l, String key) {
            return new DeliveryReceipt("CF1", "announced");
        }

        @Override
        public ParticipantReceipt addSipParticipant(TenantId t, ConferenceName c, SipAddress s, PhoneNumber callerId, CallSid caller,
                                                    java.time.Duration ringTimeout) {
            return new ParticipantReceipt(caller, "CF1");
        }

        @Override
        public void divert(TenantId t, CallSid caller, Diversion diversion) {
        }

        @Override
        public void hangUp(TenantId t, CallSid callSid) {
        }

        @Override
        public void cancelLeg(TenantId t, CallSid leg) {
        }
    }

    @Test
    void oneScamsAlertsGoOutInParallelAsSoonAsTheyAreRaised() throws Exception {
        Rendezvous vendor = new Rendezvous();
        AlertDispatcher dispatcher = dispatcher(vendor);
        workers = new AlertWorkers(dispatcher, 3, Duration.ofHours(1)); // no tick: only the wake-up can deliver
        workers.start();
        Thread.sleep(100); // the workers' first pass found nothing and they sleep
        sms("+33610000001");
        sms("+33610000002");
        sms("+33610000003");
        workers.wakeUpExecutor().execute(dispatcher::dispatchDue);
        assertThat(vendor.together.await(5, TimeUnit.SECONDS)).as("three sends in flight at once").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (outbox.recent(tenant.id(), 10).stream().anyMatch(a -> a.status() != AlertStatus.SENT)
                && System.nanoTime() < deadline) {
            Thread.sleep(10); // marked sent just after the vendor answered
        }
        assertThat(outbox.recent(tenant.id(), 10)).hasSize(3).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.SENT));
        assertThat(vendor.sent.get()).isEqualTo(3);
    }

    @Test
    void drainDeliversWhatIsDueAndStopsTheWorkers() {
        AtomicInteger delivered = new AtomicInteger();
        CallControl vendor = new Rendezvous() {
            @Override
            public DeliveryReceipt sendSms(TenantId t, PhoneNumber from, PhoneNumber to, String body, String key) {
                return new DeliveryReceipt("SM" + delivered.incrementAndGet(), "queued");
            }
        };
        workers = new AlertWorkers(dispatcher(vendor), 2, Duration.ofHours(1));
        sms("+33610000011");
        sms("+33610000012");
        assertThat(workers.drain(Duration.ofSeconds(2))).isEqualTo(2);
        assertThat(delivered.get()).isEqualTo(2);
        assertThat(outbox.recent(tenant.id(), 10)).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.SENT));
    }
}
