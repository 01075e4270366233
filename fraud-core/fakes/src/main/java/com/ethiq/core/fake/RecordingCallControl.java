package com.ethiq.core.fake;

import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallerShown;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.TenantSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fake {@link CallControl}: records what would have been delivered instead of calling a telephony vendor, for tests
 * and for the embedded "simulated vendors" mode (a dashboard lists {@link #deliveries()} or subscribes with
 * {@link #onDelivery}). Failures can be scripted per operation. Thread-safe.
 *
 * <p>Like the real adapter it is idempotent on SMS: a second {@code sendSms} with the same tenant, recipient and
 * idempotency key returns the first receipt and records nothing new. Built with {@link TenantSecrets} it also
 * resolves each tenant's telephony account (and fails permanently without one), so tests can check that a
 * tenant's operations never go through another tenant's account.
 */
public final class RecordingCallControl implements CallControl {
    /** Account recorded when no {@link TenantSecrets} were given. */
    public static final String SIMULATED_ACCOUNT = "simulated";
    /** Default number of deliveries kept; the oldest are dropped beyond it (long-running simulated mode). */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RecordingCallControl.class);

    private final TenantSecrets secrets;
    private final Clock clock;
    private final int capacity;
    private final Object lock = new Object();
    private final Deque<Delivery> deliveries = new ArrayDeque<>();
    private final Map<Operation, Deque<Failure>> scripted = new EnumMap<>(Operation.class);
    private final Set<PhoneNumber> rejectedRecipients = new HashSet<>();
    private final List<Consumer<Delivery>> listeners = new CopyOnWriteArrayList<>();
    private long sequence;
    private long attempts;

    /** Records under {@link #SIMULATED_ACCOUNT}; every tenant is accepted. */
    public RecordingCallControl(Clock clock) {
        this(null, clock, DEFAULT_CAPACITY);
    }

    /** Resolves each tenant's account through {@code secrets}; tenants without telephony credentials fail permanently. */
    public RecordingCallControl(TenantSecrets secrets, Clock clock) {
        this(Objects.requireNonNull(secrets, "'secrets' must not be null"), clock, DEFAULT_CAPACITY);
    }

    public RecordingCallControl(TenantSecrets secrets, Clock clock, int capacity) {
        this.secrets = secrets;
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        if (capacity < 1) {
            throw new IllegalArgumentException("'capacity' must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    // ---------------------------------------------------------------- CallControl

    @Override
    public DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String idempotencyKey) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(from, "'from' must not be null");
        Objects.requireNonNull(to, "'to' must not be null");
        requireText(body, "body");
        requireText(idempotencyKey, "idempotencyKey");
        String account = accountOf(tenant);
        synchronized (lock) {
            attempts++;
            Optional<Sms> earlier = deliveries.stream()
                    .filter(Sms.class::isInstance).map(Sms.class::cast)
                    .filter(s -> s.tenant().equals(tenant) && s.to().equals(to) && s.idempotencyKey().equals(idempotencyKey))
                    .findFirst();
            if (earlier.isPresent()) {
                return new DeliveryReceipt(earlier.get().reference(), "recorded");
            }
            Failure failure = nextFailure(Operation.SMS);
            throwIfBefore(failure, Operation.SMS);
            if (rejectedRecipients.contains(to)) {
                throw new CallControlException("recipient " + to.masked() + " refused (scripted)", true, "invalid-recipient", null);
            }
            Sms sms = new Sms(tenant, account, from, to, body, idempotencyKey, nextReference("SMS"), clock.instant());
            record(sms);
            throwIfAfter(failure, Operation.SMS);
            log.info("simulated SMS tenant={} from={} to={} ref={}", tenant, from.masked(), to.masked(), sms.reference());
            return new DeliveryReceipt(sms.reference(), "recorded");
        }
    }

    @Override
    public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String idempotencyKey) {
        return recordAnnouncement(tenant, conference, message, language, idempotencyKey, AnnouncementAudience.EVERYONE);
    }

    /** Records the stored announcement's words and audience (the real adapter sends only its reference). */
    @Override
    public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, com.ethiq.core.domain.Announcement announcement) {
        Objects.requireNonNull(announcement, "'announcement' must not be null");
        return recordAnnouncement(tenant, conference, announcement.text(), announcement.language(), announcement.idempotencyKey(),
                announcement.audience());
    }

    private DeliveryReceipt recordAnnouncement(TenantId tenant, ConferenceName conference, String message, Language language,
                                               String idempotencyKey, AnnouncementAudience audience) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        Objects.requireNonNull(language, "'language' must not be null");
        requireText(message, "message");
        requireText(idempotencyKey, "idempotencyKey");
        String account = accountOf(tenant);
        synchronized (lock) {
            attempts++;
            Failure failure = nextFailure(Operation.ANNOUNCE);
            throwIfBefore(failure, Operation.ANNOUNCE);
            Announcement a = new Announcement(tenant, account, conference, message, language, idempotencyKey,
                    nextReference("ANN"), clock.instant(), audience);
            record(a);
            throwIfAfter(failure, Operation.ANNOUNCE);
            log.info("simulated announcement tenant={} conference={} ref={}", tenant, conference, a.reference());
            return new DeliveryReceipt(a.reference(), "recorded");
        }
    }

    @Override
    public ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                PhoneNumber callerId, CallSid caller, Duration ringTimeout) {
        return recordParticipant(tenant, conference, sipAddress, callerId, null, caller, ringTimeout);
    }

    /** Records what the protected person's phone would show ({@link ParticipantAdded#shown()}). */
    @Override
    public ParticipantReceipt ringProtectedPerson(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                  PhoneNumber tenantNumber, CallerShown shown, CallSid caller, Duration ringTimeout) {
        Objects.requireNonNull(shown, "'shown' must not be null");
        return recordParticipant(tenant, conference, sipAddress, tenantNumber, shown, caller, ringTimeout);
    }

    private ParticipantReceipt recordParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                 PhoneNumber callerId, CallerShown shown, CallSid caller, Duration ringTimeout) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        Objects.requireNonNull(sipAddress, "'sipAddress' must not be null");
        Objects.requireNonNull(callerId, "'callerId' must not be null");
        Objects.requireNonNull(caller, "'caller' must not be null");
        Objects.requireNonNull(ringTimeout, "'ringTimeout' must not be null");
        String account = accountOf(tenant);
        synchronized (lock) {
            attempts++;
            Failure failure = nextFailure(Operation.ADD_PARTICIPANT);
            throwIfBefore(failure, Operation.ADD_PARTICIPANT);
            String reference = nextReference("PA");
            CallSid leg = CallSid.of(String.format("CA%032x", sequence));
            record(new ParticipantAdded(tenant, account, conference, sipAddress, callerId, caller, ringTimeout, leg, reference,
                    clock.instant(), shown));
            throwIfAfter(failure, Operation.ADD_PARTICIPANT);
            log.info("simulated SIP participant tenant={} conference={} leg={}", tenant, conference, leg);
            return new ParticipantReceipt(leg, "REC-CF-" + conference.value());
        }
    }

    @Override
    public void divert(TenantId tenant, CallSid caller, Diversion diversion) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(caller, "'caller' must not be null");
        Objects.requireNonNull(diversion, "'diversion' must not be null");
        String account = accountOf(tenant);
        synchronized (lock) {
            attempts++;
            Failure failure = nextFailure(Operation.DIVERT);
            throwIfBefore(failure, Operation.DIVERT);
            record(new Diverted(tenant, account, caller, diversion, nextReference("DV"), clock.instant()));
            throwIfAfter(failure, Operation.DIVERT);
            log.info("simulated diversion tenant={} call={} to {}", tenant, caller, diversion.getClass().getSimpleName());
        }
    }

    @Override
    public void cancelLeg(TenantId tenant, CallSid leg) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(leg, "'leg' must not be null");
        String account = accountOf(tenant);
        synchronized (lock) {
            attempts++;
            Failure failure = nextFailure(Operation.CANCEL_LEG);
            throwIfBefore(failure, Operation.CANCEL_LEG);
            record(new LegCancelled(tenant, account, leg, nextReference("CX"), clock.instant()));
            throwIfAfter(failure, Operation.CANCEL_LEG);
            log.info("simulated leg cancelled tenant={} leg={}", tenant, leg);
        }
    }

    @Override
    public void hangUp(TenantId tenant, CallSid callSid) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        String account = accountOf(tenant);
        synchronized (lock) {
            attempts++;
            Failure failure = nextFailure(Operation.HANG_UP);
            throwIfBefore(failure, Operation.HANG_UP);
            record(new HangUp(tenant, account, callSid, nextReference("HU"), clock.instant()));
            throwIfAfter(failure, Operation.HANG_UP);
            log.info("simulated hang-up tenant={} call={}", tenant, callSid);
        }
    }

    /** Live unless {@link #endCall} said otherwise or it was hung up here (the fake knows no call list). */
    @Override
    public CallLiveness callLiveness(TenantId tenant, CallSid callSid) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        accountOf(tenant);
        synchronized (lock) {
            attempts++;
            return endedCalls.contains(callSid)
                    || deliveries.stream().anyMatch(d -> d instanceof HangUp h && h.callSid().equals(callSid))
                    ? CallLiveness.ENDED : CallLiveness.LIVE;
        }
    }

    /** Records the stream (see {@link #streamsStarted()}) and tells {@link #onStreamStarted} listeners, as a provider would connect. */
    @Override
    public StreamReceipt startStream(TenantId tenant, CallSid callSid, StreamTarget target) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(target, "'target' must not be null");
        String account = accountOf(tenant);
        StreamStarted started;
        synchronized (lock) {
            attempts++;
            if (endedCalls.contains(callSid)) {
                throw new CallControlException("call " + callSid + " is not in progress", true, "21220", null);
            }
            started = new StreamStarted(tenant, account, callSid, target, nextReference("MZ"), clock.instant());
            streams.add(started);
        }
        log.info("simulated stream started tenant={} call={}", tenant, callSid);
        streamListeners.forEach(l -> l.accept(started));
        return new StreamReceipt(started.reference());
    }

    /** The provider ended the call (its liveness is then {@code ENDED}, a stream cannot start on it). */
    public void endCall(CallSid callSid) {
        synchronized (lock) {
            endedCalls.add(Objects.requireNonNull(callSid, "'callSid' must not be null"));
        }
    }

    /** Streams started through {@link #startStream}, oldest first. */
    public List<StreamStarted> streamsStarted() {
        synchronized (lock) {
            return List.copyOf(streams);
        }
    }

    /** Called (on the caller's thread) after each {@link #startStream}: a test connects the stream there. */
    public void onStreamStarted(Consumer<StreamStarted> listener) {
        streamListeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
    }

    /** A stream started on a live call. */
    public record StreamStarted(TenantId tenant, String account, CallSid callSid, StreamTarget target, String reference,
                                Instant at) {
    }

    private final Set<CallSid> endedCalls = new HashSet<>();
    private final List<StreamStarted> streams = new ArrayList<>();
    private final List<Consumer<StreamStarted>> streamListeners = new CopyOnWriteArrayList<>();

    // ---------------------------------------------------------------- scripting

    /**
     * The next {@code times} calls of {@code operation} fail with {@code failure}, in order, after any already
     * scripted. {@link Failure#AFTER_PROCESSING} records the delivery and then throws a transient exception: the
     * outcome a caller sees when a vendor processed a request but the answer was lost.
     */
    public void failNext(Operation operation, int times, Failure failure) {
        Objects.requireNonNull(operation, "'operation' must not be null");
        Objects.requireNonNull(failure, "'failure' must not be null");
        if (times < 1) {
            throw new IllegalArgumentException("'times' must be at least 1, got " + times);
        }
        synchronized (lock) {
            Deque<Failure> queue = scripted.computeIfAbsent(operation, o -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(failure);
            }
        }
    }

    /** Every SMS to {@code recipient} fails permanently, as a vendor refuses an invalid or unreachable number. */
    public void rejectRecipient(PhoneNumber recipient) {
        Objects.requireNonNull(recipient, "'recipient' must not be null");
        synchronized (lock) {
            rejectedRecipients.add(recipient);
        }
    }

    /** Called after each recorded delivery, on the calling thread; a failing listener does not fail the delivery. */
    public void onDelivery(Consumer<Delivery> listener) {
        listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
    }

    // ---------------------------------------------------------------- observation

    /** Everything recorded, oldest first (at most the capacity). */
    public List<Delivery> deliveries() {
        synchronized (lock) {
            return List.copyOf(deliveries);
        }
    }

    public List<Sms> smsSent() {
        return ofType(Sms.class);
    }

    public List<Announcement> announcements() {
        return ofType(Announcement.class);
    }

    public List<ParticipantAdded> participantsAdded() {
        return ofType(ParticipantAdded.class);
    }

    public List<HangUp> hangUps() {
        return ofType(HangUp.class);
    }

    public List<Diverted> diversions() {
        return ofType(Diverted.class);
    }

    public List<LegCancelled> legsCancelled() {
        return ofType(LegCancelled.class);
    }

    /** Calls received, failed ones included. */
    public long attempts() {
        synchronized (lock) {
            return attempts;
        }
    }

    /** Forgets deliveries, scripted failures, rejected recipients and the attempt count (listeners stay). */
    public void clear() {
        synchronized (lock) {
            deliveries.clear();
            scripted.clear();
            rejectedRecipients.clear();
            attempts = 0;
        }
    }

    // ---------------------------------------------------------------- types

    /** The operations that can be scripted to fail. */
    public enum Operation { SMS, ANNOUNCE, ADD_PARTICIPANT, HANG_UP, DIVERT, CANCEL_LEG }

    /** How a scripted call fails. */
    public enum Failure {
        /** Nothing recorded; transient exception (the vendor did not process it). */
        TRANSIENT,
        /** Nothing recorded; permanent exception (the vendor refused it). */
        PERMANENT,
        /** Recorded, then a transient exception (processed, answer lost). */
        AFTER_PROCESSING
    }

    @Override
    public ParticipantReceipt addRelative(TenantId tenant, ConferenceName conference, PhoneNumber relative, PhoneNumber callerId,
                                          String announcement, Language language, String idempotencyKey) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        Objects.requireNonNull(relative, "'relative' must not be null");
        Objects.requireNonNull(callerId, "'callerId' must not be null");
        requireText(announcement, "announcement");
        String account = accountOf(tenant);
        synchronized (lock) {
            attempts++;
            Failure failure = nextFailure(Operation.ADD_PARTICIPANT);
            throwIfBefore(failure, Operation.ADD_PARTICIPANT);
            String reference = nextReference("RJ");
            CallSid leg = CallSid.of(String.format("CA%032x", sequence));
            record(new RelativeJoined(tenant, account, conference, relative, callerId, announcement, language, leg, reference,
                    clock.instant()));
            throwIfAfter(failure, Operation.ADD_PARTICIPANT);
            log.info("simulated relative joining tenant={} conference={} relative={} announced \"{}\"", tenant, conference,
                    relative.masked(), announcement);
            return new ParticipantReceipt(leg, "REC-CF-" + conference.value());
        }
    }

    @Override
    public void endCallWithNotice(TenantId tenant, ConferenceName conference, CallSid caller, CallSid protectedLeg,
                                  com.ethiq.core.domain.Announcement stored) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(caller, "'caller' must not be null");
        Objects.requireNonNull(stored, "'stored' must not be null");
        String notice = stored.text();
        Language language = stored.language();
        String account = accountOf(tenant);
        synchronized (lock) {
            attempts++;
            Failure failure = nextFailure(Operation.HANG_UP);
            throwIfBefore(failure, Operation.HANG_UP);
            record(new EndedWithNotice(tenant, account, caller, protectedLeg, notice, language, stored.reference(), nextReference("EN"),
                    clock.instant()));
            throwIfAfter(failure, Operation.HANG_UP);
            log.info("simulated end by a relative tenant={} call={} notice \"{}\"", tenant, caller, notice);
        }
    }

    /** Relatives dialled into calls, oldest first. */
    public List<RelativeJoined> relativesJoined() {
        return ofType(RelativeJoined.class);
    }

    /** Calls ended on a relative's request, oldest first. */
    public List<EndedWithNotice> endedWithNotice() {
        return ofType(EndedWithNotice.class);
    }

    /** One thing that would have been delivered. {@code account} is the telephony account it went through. */
    public sealed interface Delivery permits Sms, Announcement, ParticipantAdded, HangUp, Diverted, LegCancelled, RelativeJoined,
            EndedWithNotice {
        TenantId tenant();

        String account();

        String reference();

        Instant at();
    }

    public record Sms(TenantId tenant, String account, PhoneNumber from, PhoneNumber to, String body,
                      String idempotencyKey, String reference, Instant at) implements Delivery {
    }

    /** A warning spoken in {@code conference} to {@code audience} (everyone for the text-in-URL {@code announce}). */
    public record Announcement(TenantId tenant, String account, ConferenceName conference, String message,
                               Language language, String idempotencyKey, String reference, Instant at,
                               AnnouncementAudience audience) implements Delivery {
        public Announcement(TenantId tenant, String account, ConferenceName conference, String message, Language language,
                            String idempotencyKey, String reference, Instant at) {
            this(tenant, account, conference, message, language, idempotencyKey, reference, at, AnnouncementAudience.EVERYONE);
        }
    }

    /** The protected person rung into {@code conference} for the call {@code caller}; {@code leg} is the new leg. */
    public record ParticipantAdded(TenantId tenant, String account, ConferenceName conference, SipAddress sipAddress,
                                   PhoneNumber callerId, CallSid caller, Duration ringTimeout, CallSid leg, String reference,
                                   Instant at, CallerShown shown) implements Delivery {
        public ParticipantAdded {
            shown = shown == null ? new CallerShown(callerId, null) : shown;
        }

        public ParticipantAdded(TenantId tenant, String account, ConferenceName conference, SipAddress sipAddress,
                                PhoneNumber callerId, CallSid caller, Duration ringTimeout, CallSid leg, String reference, Instant at) {
            this(tenant, account, conference, sipAddress, callerId, caller, ringTimeout, leg, reference, at, null);
        }
    }

    /** The caller taken out of the conference to a message or a voicemail. */
    public record Diverted(TenantId tenant, String account, CallSid caller, Diversion diversion, String reference,
                           Instant at) implements Delivery {
    }

    /** The protected person's leg cancelled (it rang) or hung up. */
    public record LegCancelled(TenantId tenant, String account, CallSid leg, String reference, Instant at) implements Delivery {
    }

    public record HangUp(TenantId tenant, String account, CallSid callSid, String reference, Instant at) implements Delivery {
    }

    /** A relative's phone dialled into {@code conference}, from {@code callerId}, with {@code announcement} spoken. */
    public record RelativeJoined(TenantId tenant, String account, ConferenceName conference, PhoneNumber relative,
                                 PhoneNumber callerId, String announcement, Language language, CallSid leg, String reference,
                                 Instant at) implements Delivery {
    }

    /**
     * {@code notice} said to the protected leg (the stored announcement {@code noticeReference}: the real adapter sends
     * only that), then the caller's call completed.
     */
    public record EndedWithNotice(TenantId tenant, String account, CallSid caller, CallSid protectedLeg, String notice,
                                  Language language, String noticeReference, String reference, Instant at) implements Delivery {
    }

    // ---------------------------------------------------------------- internals

    private String accountOf(TenantId tenant) {
        if (secrets == null) {
            return SIMULATED_ACCOUNT;
        }
        return secrets.telephony(tenant)
                .map(TelephonyCredentials::accountSid)
                .orElseThrow(() -> new CallControlException("no telephony credentials for tenant " + tenant, true, "no-credentials", null));
    }

    private Failure nextFailure(Operation operation) {
        Deque<Failure> queue = scripted.get(operation);
        return queue == null ? null : queue.poll();
    }

    private static void throwIfBefore(Failure failure, Operation operation) {
        if (failure == Failure.TRANSIENT) {
            throw new CallControlException(operation + " failed (scripted transient failure)", false, "scripted-transient", null);
        }
        if (failure == Failure.PERMANENT) {
            throw new CallControlException(operation + " refused (scripted permanent failure)", true, "scripted-permanent", null);
        }
    }

    private static void throwIfAfter(Failure failure, Operation operation) {
        if (failure == Failure.AFTER_PROCESSING) {
            throw new CallControlException(operation + " outcome unknown (scripted failure after processing)", false, "scripted-ambiguous", null);
        }
    }

    private void record(Delivery delivery) {
        deliveries.addLast(delivery);
        while (deliveries.size() > capacity) {
            deliveries.removeFirst();
        }
        for (Consumer<Delivery> listener : listeners) {
            try {
                listener.accept(delivery);
            } catch (RuntimeException e) {
                log.warn("delivery listener failed; delivery kept", e);
            }
        }
    }

    private String nextReference(String prefix) {
        sequence++;
        return "REC-" + prefix + "-" + sequence;
    }

    private <T extends Delivery> List<T> ofType(Class<T> type) {
        synchronized (lock) {
            List<T> out = new ArrayList<>();
            for (Delivery d : deliveries) {
                if (type.isInstance(d)) {
                    out.add(type.cast(d));
                }
            }
            return List.copyOf(out);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null) {
            throw new NullPointerException("'" + name + "' must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must not be blank");
        }
    }
}
