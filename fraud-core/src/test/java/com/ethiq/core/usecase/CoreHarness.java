package com.ethiq.core.usecase;

import com.ethiq.core.FraudCore;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
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
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.SequentialIdGenerator;
import com.ethiq.core.fake.StoreOutage;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.UsageLedger;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.SpeechTranscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Wires the core with in-memory fakes, a hand-driven transcriber and a scriptable call control, all synchronous. */
final class CoreHarness {
    final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    final InMemoryTenants tenants = new InMemoryTenants();
    final InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
    final InMemoryCallLogs callLogs = new InMemoryCallLogs();
    final InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
    final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    /** Send outcomes over the three fakes above (not behind {@link #outage}), for use cases a test wires itself. */
    final ComposedAlertOutcomes outcomes = new ComposedAlertOutcomes(outbox, usage, audit);
    final SequentialIdGenerator ids = new SequentialIdGenerator();
    final HandDrivenTranscriber transcriber = new HandDrivenTranscriber();
    final StubCallControl callControl = new StubCallControl();
    /** Attempts to ring the protected person in wait here until the test runs them. */
    final ManualScheduler rings = new ManualScheduler();
    /** Store writes the store refused wait here (with their backoff) until the test runs them. */
    final ManualScheduler storeRetries = new ManualScheduler();
    final FraudCore core;

    /** The outage switch of the stores the core sees (the fakes above stay readable by the test). */
    final StoreOutage outage = new StoreOutage();

    CoreHarness(ScamAnalyzer analyzer) {
        this(analyzer, UnaryOperator.identity());
    }

    /** {@code more} adds to the wiring (an observer, an escalation policy...). */
    CoreHarness(ScamAnalyzer analyzer, UnaryOperator<FraudCore.Builder> more) {
        core = more.apply(FraudCore.builder()
                .tenants(tenants)
                .emergencyContacts(outage.wrap(EmergencyContacts.class, contacts))
                .callLogs(outage.wrap(CallLogs.class, callLogs))
                .alertOutbox(outage.wrap(AlertOutbox.class, outbox))
                .usageLedger(outage.wrap(UsageLedger.class, usage))
                .auditTrail(outage.wrap(AuditTrail.class, audit))
                .callControl(callControl).speechTranscriber(transcriber)
                .scamAnalyzer(analyzer).ids(ids).clock(clock)
                .aiExecutor(Runnable::run).alertExecutor(Runnable::run).transcriptExecutor(Runnable::run)
                .storeExecutor(Runnable::run).storeRetryScheduler(storeRetries)
                .callControlScheduler(rings))
                .build();
    }

    CoreHarness() {
        this(null);
    }

    Tenant tenant(String name, String number, AccountStatus status, String... contactNumbers) {
        TenantId id = new TenantId(ids.newId());
        Tenant t = new Tenant(id, name, status, PhoneNumber.of(number), SipAddress.of("sip:" + id.value() + "@home.example.com"),
                TenantSettings.defaults(), clock.instant());
        tenants.create(t);
        int i = 0;
        for (String c : contactNumbers) {
            contacts.add(new EmergencyContact(ids.newId(), id, "Contact " + (++i), PhoneNumber.of(c), "enfant", clock.instant()));
        }
        return t;
    }

    /** Keeps scheduled tasks and their delays until the test runs them; refuses work once shut down. */
    static final class ManualScheduler implements com.ethiq.core.concurrent.Scheduler {
        record Task(Runnable task, Duration delay) {
        }

        final List<Task> pending = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();
        boolean shutDown;

        @Override
        public synchronized void schedule(Runnable task, Duration delay) {
            if (shutDown) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            pending.add(new Task(task, delay));
            delays.add(delay);
        }

        /** Runs the tasks scheduled so far, not those they schedule. */
        void runQueued() {
            List<Task> now;
            synchronized (this) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            now.forEach(t -> t.task().run());
        }

        /** Runs what is due, including what those tasks schedule, until nothing is left. */
        void runAll() {
            while (true) {
                Task next;
                synchronized (this) {
                    if (pending.isEmpty()) {
                        return;
                    }
                    next = pending.remove(0);
                }
                next.task().run();
            }
        }
    }

    /** A transcriber whose segments the test emits by hand. */
    static final class HandDrivenTranscriber implements SpeechTranscriber {
        final Map<String, TranscriptListener> listeners = new ConcurrentHashMap<>();
        final Map<String, List<byte[]>> audio = new ConcurrentHashMap<>();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final List<TranscriptionRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** When set, opening a stream throws it (a recogniser that cannot be reached). */
        volatile RuntimeException failOpen;
        private final Map<String, AtomicInteger> utterances = new ConcurrentHashMap<>();

        private static String key(CallSid call, Speaker speaker) {
            return call.value() + "/" + speaker.wire();
        }

        @Override
        public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
            if (failOpen != null) {
                throw failOpen;
            }
            requests.add(request);
            String key = key(request.callSid(), request.speaker());
            listeners.put(key, listener);
            opened.incrementAndGet();
            return new TranscriptionStream() {
                private boolean done;

                @Override
                public void push(byte[] mulaw) {
                    audio.computeIfAbsent(key, k -> new ArrayList<>()).add(mulaw);
                }

                @Override
                public synchronized void close() {
                    if (!done) {
                        done = true;
                        closed.incrementAndGet();
                        listener.onBilled(Duration.ofSeconds(15));
                        listener.onClosed();
                    }
                }
            };
        }

        void say(CallSid call, Speaker speaker, String text) {
            TranscriptListener l = listeners.get(key(call, speaker));
            int n = utterances.computeIfAbsent(key(call, speaker), k -> new AtomicInteger()).getAndIncrement();
            l.onSegment(TranscriptSegment.partialText(speaker, n, text.substring(0, text.length() / 2)));
            l.onSegment(TranscriptSegment.finalText(speaker, n, text));
        }

        void fail(CallSid call, Speaker speaker, String reason) {
            listeners.get(key(call, speaker)).onFailure(new TranscriptionFailure(reason, false));
        }
    }

    /** Records what would have been sent; fails the next N sends as told. */
    static final class StubCallControl implements CallControl {
        record Sent(TenantId tenant, String kind, String to, String body) {
        }

        final List<Sent> sent = new ArrayList<>();
        int transientFailuresLeft;
        boolean permanentFailure;

        @Override
        public synchronized DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String idempotencyKey) {
            failIfTold();
            sent.add(new Sent(tenant, "sms", to.e164(), body));
            return new DeliveryReceipt("SM" + sent.size(), "queued");
        }

        @Override
        public synchronized DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String idempotencyKey) {
            failIfTold();
            sent.add(new Sent(tenant, "announcement", conference.value(), message));
            return new DeliveryReceipt("CF" + sent.size(), "in-progress");
        }

        record Participant(TenantId tenant, ConferenceName conference, SipAddress sipAddress, PhoneNumber callerId) {
        }

        final List<Participant> participants = new ArrayList<>();

        @Override
        public synchronized ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                                 PhoneNumber callerId, CallSid caller, java.time.Duration ringTimeout) {
            if (participantsFailPermanently) {
                throw new CallControlException("SIP domain not found", true, "21212", null);
            }
            participants.add(new Participant(tenant, conference, sipAddress, callerId));
            return new ParticipantReceipt(CallSid.of("CAleg" + participants.size()), "CF" + participants.size());
        }

        boolean participantsFailPermanently;
        final List<Diversion> diversions = new ArrayList<>();
        final List<CallSid> cancelled = new ArrayList<>();

        @Override
        public synchronized void divert(TenantId tenant, CallSid caller, Diversion diversion) {
            diversions.add(diversion);
        }

        @Override
        public void hangUp(TenantId tenant, CallSid callSid) {
        }

        @Override
        public synchronized void cancelLeg(TenantId tenant, CallSid leg) {
            cancelled.add(leg);
        }

        private void failIfTold() {
            if (permanentFailure) {
                throw new CallControlException("invalid 'To' number", true, "21211", null);
            }
            if (transientFailuresLeft > 0) {
                transientFailuresLeft--;
                throw new CallControlException("service unavailable", false, "503", null);
            }
        }

        synchronized List<Sent> sent() {
            return List.copyOf(sent);
        }
    }
}
