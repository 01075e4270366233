package com.ethiq.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.port.TranscriptPurge;
import com.ethiq.core.usecase.CoreThreads;
import com.ethiq.core.usecase.IncomingCall;
import com.ethiq.core.usecase.IncomingCallDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The core owns its threads: it rings, delivers and purges on them once started, drains and closes them. */
class FraudCoreTest {
    private final Clock clock = Clock.systemUTC();
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
    private final InMemoryCallLogs callLogs = new InMemoryCallLogs();
    private final RecordingCallControl callControl = new RecordingCallControl(clock);
    private final AtomicInteger purges = new AtomicInteger();
    private final Tenant tenant = new Tenant(TenantId.random(), "Mamie Jeanne", AccountStatus.ACTIVE, PhoneNumber.of("+33970000001"),
            SipAddress.of("sip:jeanne@home.sip.twilio.com"), TenantSettings.defaults(), Instant.now());
    private FraudCore core;

    private FraudCore build(CoreThreads threads) {
        tenants.create(tenant);
        return FraudCore.builder()
                .tenants(tenants).emergencyContacts(new InMemoryEmergencyContacts()).callLogs(callLogs).alertOutbox(outbox)
                .usageLedger(new InMemoryUsageLedger()).auditTrail(new InMemoryAuditTrail()).callControl(callControl)
                .speechTranscriber(new ScriptedSpeechTranscriber()).clock(clock).threads(threads)
                .transcriptPurge(now -> {
                    purges.incrementAndGet();
                    return Map.of();
                })
                .build();
    }

    @AfterEach
    void tearDown() {
        if (core != null) {
            core.close();
        }
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aProtectDecisionRingsThePersonInOnTheCoresCallControlThreads() throws Exception {
        core = build(CoreThreads.DEFAULT);
        CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");
        IncomingCallDecision d = core.incomingCalls().decide(new IncomingCall(call, "+33612345678", tenant.number().orElseThrow()),
                java.util.Optional.of(tenant));
        assertThat(d).isInstanceOf(IncomingCallDecision.Protect.class);
        assertThat(eventually(() -> callControl.participantsAdded().size() == 1)).isTrue();
        assertThat(liveThreadNames()).anyMatch(n -> n.startsWith("ethiq-call-control-"));
    }

    @Test
    void startedWorkersDeliverAlertsAndRetentionRunsPeriodically() throws Exception {
        core = build(new CoreThreads(1, 1, 1, 2, Duration.ofMillis(20), Duration.ofMillis(20), 1, 1));
        core.start();
        core.start(); // idempotent
        CallSid call = CallSid.of("CA1");
        callLogs.open(CallLog.started(tenant.id(), call, "+33612345678", clock.instant(), CallProtection.PROTECTED));
        outbox.enqueue(Alert.pending(UUID.randomUUID(), tenant.id(), call, new AlertRecipient.Phone(PhoneNumber.of("+33611111111")),
                "Alerte", Language.FRENCH, clock.instant()));

        assertThat(eventually(() -> callControl.smsSent().size() == 1)).isTrue();
        assertThat(eventually(() -> purges.get() >= 2)).as("retention passes").isTrue();
        assertThat(liveThreadNames()).contains("ethiq-alerts-1", "ethiq-alerts-2", "ethiq-jobs");
    }

    @Test
    void drainDeliversWhatIsDueAndCloseStopsEveryThread() throws Exception {
        core = build(new CoreThreads(1, 1, 1, 1, Duration.ofHours(1), Duration.ofHours(1), 1, 1));
        CallSid call = CallSid.of("CA2");
        outbox.enqueue(Alert.pending(UUID.randomUUID(), tenant.id(), call, new AlertRecipient.Phone(PhoneNumber.of("+33611111112")),
                "Alerte", Language.FRENCH, clock.instant()));

        assertThat(core.drain(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(outbox.recent(tenant.id(), 10)).singleElement().extracting(Alert::status).isEqualTo(AlertStatus.SENT);

        core.close();
        core.close(); // idempotent
        assertThat(eventually(() -> liveThreadNames().stream().noneMatch(n -> n.startsWith("ethiq-jobs")))).isTrue();
    }

    @Test
    void threadSettingsAreValidatedAndPortsRequired() {
        assertThatThrownBy(() -> new CoreThreads(0, 1, 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoreThreads(1, 1, 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoreThreads(1, 1, 1, 1, Duration.ZERO, Duration.ofSeconds(1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoreThreads(1, 1, 1, 1, Duration.ofSeconds(1), null, 1, 1))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CoreThreads.DEFAULT.withAlertSendThreads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CoreThreads.DEFAULT.withAlertWorkers(2, Duration.ofMillis(5)).withStoreThreads(3))
                .isEqualTo(new CoreThreads(CoreThreads.DEFAULT.aiThreads(), CoreThreads.DEFAULT.transcriptThreads(),
                        CoreThreads.DEFAULT.callControlThreads(), 2, Duration.ofMillis(5), CoreThreads.DEFAULT.retentionInterval(),
                        3, CoreThreads.DEFAULT_ALERT_SEND_THREADS));
        assertThat(CoreThreads.DEFAULT.transcriptThreads()).isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> FraudCore.builder().build()).hasMessageContaining("'tenants'");
        assertThatThrownBy(() -> FraudCore.builder().transcriptPurge(null)).isInstanceOf(NullPointerException.class);
        assertThat(TranscriptPurge.NONE.purgeExpired(Instant.now())).isEmpty();
    }
}
