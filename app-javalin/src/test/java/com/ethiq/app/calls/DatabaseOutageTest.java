package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.ConnectionPools;
import com.ethiq.adapter.supabase.PoolSettings;
import com.ethiq.adapter.supabase.PooledDataSource;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.FraudCore;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.usecase.CallSession;
import com.ethiq.core.usecase.CallSessions;
import com.ethiq.core.usecase.IncomingCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The real embedded PostgreSQL seen through a TCP proxy that can freeze (bytes held, as with SIGSTOP: queries hang)
 * or stop (connections cut and refused, as with a stopped server) while a scam is spoken. The alert must leave within
 * 1 s of the line, exactly once, and its record, the full transcript and the closed call log must be in the database
 * within 2 s of its return. Short outages run in the default suite; {@code -Dethiq.outage.long=true} runs 10 s ones,
 * {@code -Dethiq.outage.minute=true} 60 s ones ({@code -Dethiq.outage.runs=N} of each kind, 10 unless told).
 */
class DatabaseOutageTest {
    private static final List<String> SCAM = List.of(
            "bonjour madame je suis conseiller au service anti fraude de votre banque",
            "nous avons détecté une opération suspecte de 1500 euros sur votre carte bancaire",
            "pour annuler l'opération vous allez recevoir un code par sms il faut me le lire tout de suite",
            "attendez le code c'est 4 8 2 9 1 7");

    @RepeatedTest(2)
    void frozenDatabase() throws Exception {
        scamDuringOutage(true, Duration.ofSeconds(2));
    }

    @RepeatedTest(2)
    void stoppedDatabase() throws Exception {
        scamDuringOutage(false, Duration.ofSeconds(2));
    }

    @RepeatedTest(10)
    @EnabledIfSystemProperty(named = "ethiq.outage.long", matches = "true")
    void tenSecondOutages() throws Exception {
        scamDuringOutage(true, Duration.ofSeconds(10));
        scamDuringOutage(false, Duration.ofSeconds(10));
    }

    /** A minute without the database, frozen then stopped, N times: about 2 min per round, so not in any default run. */
    @Test
    @EnabledIfSystemProperty(named = "ethiq.outage.minute", matches = "true")
    void sixtySecondOutages() throws Exception {
        int runs = Integer.getInteger("ethiq.outage.runs", 10);
        // every run is played and printed, so one failure does not hide the figures of the others
        List<String> failed = new java.util.ArrayList<>();
        for (int i = 0; i < runs; i++) {
            for (boolean freeze : new boolean[] {true, false}) {
                try {
                    scamDuringOutage(freeze, Duration.ofSeconds(60));
                } catch (AssertionError e) {
                    failed.add((freeze ? "frozen" : "stopped") + " run " + (i + 1) + ": " + e.getMessage());
                    System.out.printf("[outage] %s 60000 ms: FAILED %s%n", freeze ? "frozen" : "stopped", e.getMessage());
                }
            }
        }
        assertThat(failed).as("60 s outages, %d runs of each kind", runs).isEmpty();
    }

    private void scamDuringOutage(boolean freeze, Duration outage) throws Exception {
        TestDatabase.Database db = TestDatabase.shared().database();
        SupabaseStore direct = db.storeBuilder().clock(Clock.systemUTC()).build();
        Tenant tenant = newTenant(direct, db);
        PhoneNumber contact = PhoneNumber.of("+3361" + (1_000_000 + (int) (Math.random() * 8_000_000)));
        direct.emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), tenant.id(), "Fille", contact, "fille",
                java.time.Instant.now()));

        try (Proxy proxy = new Proxy(db.jdbcUrl());
             PooledDataSource app = pool(proxy, TestDatabase.ROLES.app(), TestDatabase.APP_PASSWORD);
             PooledDataSource platform = pool(proxy, TestDatabase.ROLES.platform(), TestDatabase.PLATFORM_PASSWORD)) {
            awaitConnectable(app);
            awaitConnectable(platform);
            SupabaseStore store = SupabaseStore.builder().appDataSource(app).platformDataSource(platform)
                    .keyring(TestDatabase.testKeyring()).contextKeys(TestDatabase.CONTEXT_KEYS).clock(Clock.systemUTC()).build();
            Sends sends = new Sends();
            SpokenTranscriber transcriber = new SpokenTranscriber();
            try (FraudCore core = FraudCore.builder()
                    .tenants(store.tenants()).emergencyContacts(store.emergencyContacts()).callLogs(store.callLogs())
                    .alertOutbox(store.alertOutbox()).alertOutcomes(store.alertOutcomes())
                    .usageLedger(store.usageLedger()).auditTrail(store.auditTrail())
                    .callControl(sends).speechTranscriber(transcriber).build()) {
                core.start();
                CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
                core.incomingCalls().decide(new IncomingCall(sid, "+33700000009", tenant.twilioNumber()), java.util.Optional.of(tenant));
                CallSession session = ((CallSessions.Started) core.callSessions().start(new CallSessions.StreamStart(tenant, sid))).session();
                transcriber.say(sid, Speaker.CALLER, "allô bonjour madame");
                awaitTrue(() -> !core.storeWrites().hasPending(sid), Duration.ofSeconds(5), "writes before the outage");

                if (freeze) {
                    proxy.freeze();
                } else {
                    proxy.stop();
                }
                long outageStart = System.nanoTime();
                for (String line : SCAM) {
                    transcriber.say(sid, Speaker.CALLER, line);
                }
                long spoken = System.nanoTime();
                awaitTrue(() -> sends.sms.get() == 1, Duration.ofSeconds(1), "the SMS within 1 s of the scam line");
                assertThat(session.alertRaised()).isTrue();
                long sleep = outage.toMillis() - (System.nanoTime() - outageStart) / 1_000_000;
                Thread.sleep(Math.max(0, sleep));
                transcriber.say(sid, Speaker.CALLEE, "d'accord je vous le lis");
                session.end();

                proxy.resume();
                long back = System.nanoTime();
                awaitTrue(() -> direct.callLogs().find(tenant.id(), sid).map(l -> l.state() == CallState.ENDED).orElse(false)
                                && direct.alertOutbox().forCall(tenant.id(), sid).stream().allMatch(a -> a.status() == AlertStatus.SENT)
                                && direct.alertOutbox().forCall(tenant.id(), sid).size() == 2
                                && direct.callLogs().transcript(tenant.id(), sid).size() == 2 + SCAM.size(),
                        Duration.ofSeconds(2), "everything recorded within 2 s of the database's return");
                System.out.printf("[outage] %s %d ms: SMS %d ms after the line, recorded %d ms after the return%n",
                        freeze ? "frozen" : "stopped", outage.toMillis(), (sends.firstSmsAt - spoken) / 1_000_000,
                        (System.nanoTime() - back) / 1_000_000);
                // exactly once: no second send by the workers after the return
                Thread.sleep(300);
                assertThat(sends.sms.get()).isEqualTo(1);
                assertThat(sends.announcements.get()).isEqualTo(1);
                assertThat(direct.callLogs().find(tenant.id(), sid).orElseThrow().fraudDetected()).isTrue();
                assertThat(direct.callLogs().transcript(tenant.id(), sid)).extracting(TranscriptSegment::text)
                        .containsSubsequence("allô bonjour madame", SCAM.get(0), SCAM.get(3), "d'accord je vous le lis");
                core.drain(Duration.ofSeconds(1));
            }
        }
    }

    private static Tenant newTenant(SupabaseStore direct, TestDatabase.Database db) {
        TenantId id = new TenantId(UUID.randomUUID());
        Tenant t = new Tenant(id, "Outage " + id.value(), AccountStatus.ACTIVE, TestDatabase.shared().uniqueNumber(),
                SipAddress.of("sip:" + id.value() + "@home.example.com"), TenantSettings.defaults(), java.time.Instant.now());
        direct.tenants().create(t);
        return t;
    }

    private static PooledDataSource pool(Proxy proxy, String user, String password) {
        return ConnectionPools.create(PoolSettings.of(proxy.jdbcUrl(), user, password)
                .withPoolName("outage-" + user).withMaximumPoolSize(4).withConnectionTimeout(Duration.ofMillis(500)));
    }

    /** The pools' 0.5 s connection timeout (quick to notice an outage) can pass while a loaded machine opens the first. */
    private static void awaitConnectable(PooledDataSource pool) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (java.sql.Connection c = pool.getConnection()) {
                return;
            } catch (java.sql.SQLException e) {
                if (attempt == 10) {
                    throw new AssertionError("the database did not answer through the proxy before the outage", e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Counts what the core sends; needs no database. */
    private static final class Sends implements CallControl {
        final AtomicInteger sms = new AtomicInteger();
        final AtomicInteger announcements = new AtomicInteger();
        volatile long firstSmsAt;

        @Override
        public DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String idempotencyKey) {
            if (sms.incrementAndGet() == 1) {
                firstSmsAt = System.nanoTime();
            }
            return new DeliveryReceipt("SM" + UUID.randomUUID(), "queued");
        }

        @Override
        public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String idempotencyKey) {
            announcements.incrementAndGet();
            return new DeliveryReceipt("CF" + UUID.randomUUID(), "in-progress");
        }

        @Override
        public ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                    PhoneNumber callerId, CallSid caller, java.time.Duration ringTimeout) {
            return new ParticipantReceipt(CallSid.of("CA" + UUID.randomUUID().toString().replace("-", "")), null);
        }

        @Override
        public void divert(TenantId tenant, CallSid caller, Diversion diversion) {
        }

        @Override
        public void cancelLeg(TenantId tenant, CallSid leg) {
        }

        @Override
        public void hangUp(TenantId tenant, CallSid callSid) {
        }
    }


    /** Forwards TCP to PostgreSQL; can hold every byte (frozen) or cut and refuse connections (stopped). */
    private static final class Proxy implements AutoCloseable {
        private final ServerSocket server;
        private final String target;
        private final int targetPort;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Object gate = new Object();
        private volatile boolean frozen;
        private volatile boolean stopped;
        private volatile boolean closed;

        Proxy(String jdbcUrl) throws IOException {
            java.net.URI u = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
            this.target = u.getHost();
            this.targetPort = u.getPort();
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.jdbcUrl = jdbcUrl.replace(":" + targetPort + "/", ":" + server.getLocalPort() + "/");
            Thread t = new Thread(this::accept, "outage-proxy");
            t.setDaemon(true);
            t.start();
        }

        private final String jdbcUrl;

        String jdbcUrl() {
            return jdbcUrl;
        }

        void freeze() {
            frozen = true;
        }

        void stop() {
            stopped = true;
            sockets.forEach(DatabaseOutageTest::closeQuietly);
            sockets.clear();
        }

        void resume() {
            stopped = false;
            synchronized (gate) {
                frozen = false;
                gate.notifyAll();
            }
        }

        private void accept() {
            while (!closed) {
                try {
                    Socket client = server.accept();
                    if (stopped) {
                        client.close(); // refused, as a stopped server would
                        continue;
                    }
                    Socket upstream = new Socket(target, targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed, or the connection was cut
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16_384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (gate) {
                            while (frozen && !closed) {
                                gate.wait(100);
                            }
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // cut
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "outage-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            closed = true;
            resume();
            closeQuietly(server);
            sockets.forEach(DatabaseOutageTest::closeQuietly);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
