package com.ethiq.core.usecase;

import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AccountTelephony;
import com.ethiq.core.port.AnnouncementStore;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.PersistenceException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: speaks a warning in a call. The words are stored under an opaque random reference
 * ({@link AnnouncementStore}) and the provider is asked to fetch them by that reference, so any node can serve them
 * (the tenant comes from the stored row, not from a node's cache) and the text never travels in a URL. The warning
 * goes to the protected person's leg only unless the account chose {@link AnnouncementAudience#EVERYONE}. The first
 * fetch is served, a repeated one speaks nothing ({@link #claim}); when the provider reports the announcement failed,
 * it is requested again, at most {@link #MAX_PLAYS} plays in all ({@link #replay}). Thread-safe.
 */
public final class Announcements {
    /** Plays of one announcement at most: the first and two replays after reported failures. */
    public static final int MAX_PLAYS = 3;

    private static final Logger log = LoggerFactory.getLogger(Announcements.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AnnouncementStore store;
    private final AccountTelephony accounts;
    private final CallControl callControl;
    private final Clock clock;
    private volatile CallObserver observer = CallObserver.NONE;

    public Announcements(AnnouncementStore store, AccountTelephony accounts, CallControl callControl, Clock clock) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.accounts = Objects.requireNonNull(accounts, "'accounts' must not be null");
        this.callControl = Objects.requireNonNull(callControl, "'callControl' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** Told, before it is requested, of every warning spoken to everyone (its words will be on the callee track). */
    public interface EveryoneHears {
        void warning(TenantId tenant, CallSid call, String text);
    }

    private volatile EveryoneHears everyoneHears = (tenant, call, text) -> { };

    public void onSpokenToEveryone(EveryoneHears listener) {
        this.everyoneHears = Objects.requireNonNull(listener, "'listener' must not be null");
    }

    public void observe(CallObserver observer) {
        this.observer = Objects.requireNonNull(observer, "'observer' must not be null");
    }

    /**
     * Stores the warning (once per {@code idempotencyKey}: a retry reuses the stored reference) and asks the provider
     * to speak it to the account's audience. Failures are the provider's {@link CallControl.CallControlException}s.
     */
    public CallControl.DeliveryReceipt say(Tenant tenant, CallSid call, String text, Language language, String idempotencyKey) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Optional<Announcement> stored = store(tenant, call, text, language, () -> accounts.of(tenant.id()).audience(),
                idempotencyKey);
        if (stored.isEmpty()) {
            // The store is away (the alert is being sent from memory): a warning spoken to everyone, its words in the
            // provider's URL, beats no warning at all.
            return inUrlToEveryone(tenant, call, text, language, idempotencyKey);
        }
        if (stored.get().audience() == AnnouncementAudience.EVERYONE) {
            everyoneHears.warning(tenant.id(), call, stored.get().text());
        }
        CallControl.DeliveryReceipt receipt = callControl.announce(tenant.id(), stored.get().conference(), stored.get());
        observer.announcementRequested(tenant.id(), false);
        return receipt;
    }

    /**
     * Ends the caller's call on a relative's request, first telling the protected person why: {@code notice} is stored
     * like a warning (once per {@code idempotencyKey}), for their leg {@code protectedLeg} only whatever the account's
     * audience, and fetched by the provider by reference. When the store is away, the notice's words go in the
     * provider's URL to everyone (as a warning's would; a call that is not live any more is not an error), then the
     * call ends. Failures are the provider's {@link CallControl.CallControlException}s.
     */
    public void endCallWithNotice(Tenant tenant, CallSid caller, CallSid protectedLeg, String notice, Language language,
                                  String idempotencyKey) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Optional<Announcement> stored = store(tenant, caller, notice, language, () -> AnnouncementAudience.PROTECTED_PERSON,
                idempotencyKey);
        if (stored.isPresent()) {
            callControl.endCallWithNotice(tenant.id(), stored.get().conference(), caller, protectedLeg, stored.get());
            return;
        }
        try {
            inUrlToEveryone(tenant, caller, notice, language, idempotencyKey);
        } catch (CallControl.CallControlException notLive) {
            log.info("no live conference to speak the end notice of call {} in: {}", caller, notLive.getMessage());
        }
        callControl.hangUp(tenant.id(), caller);
    }

    /**
     * The stored announcement (the one already stored under that key, if any); empty while the store is away (the
     * account's audience is read from it too).
     */
    private Optional<Announcement> store(Tenant tenant, CallSid call, String text, Language language,
                                         Supplier<AnnouncementAudience> audience, String idempotencyKey) {
        try {
            return Optional.of(store.saveIfAbsent(new Announcement(newReference(), tenant.id(), call, text, language, audience.get(),
                    idempotencyKey, 1, false, clock.instant())));
        } catch (PersistenceException e) {
            log.warn("announcement store unavailable, speaking in call {} the old way: {}", call, e.getMessage());
            return Optional.empty();
        }
    }

    private CallControl.DeliveryReceipt inUrlToEveryone(Tenant tenant, CallSid call, String text, Language language,
                                                        String idempotencyKey) {
        everyoneHears.warning(tenant.id(), call, text);
        return callControl.announce(tenant.id(), ConferenceName.forCall(tenant.id(), call), text, language, idempotencyKey);
    }

    /** The announcement behind a reference, to check the provider's signature with its tenant's credentials. */
    public Optional<Announcement> find(String reference) {
        return validReference(reference) ? store.find(reference) : Optional.empty();
    }

    /** The words to speak for this fetch; empty if unknown or already served (a repeated fetch speaks nothing). */
    public Optional<Announcement> claim(String reference) {
        return validReference(reference) ? store.claim(reference) : Optional.empty();
    }

    /** What {@link #replay} did. */
    public enum Replay { REQUESTED, EXHAUSTED, FAILED }

    /**
     * The provider said the call's announcement failed (its fetch was refused, timed out, or the TwiML was unusable):
     * requests it again, unless it was already played {@link #MAX_PLAYS} times.
     */
    public Replay replay(TenantId tenant, CallSid call, String reason) {
        Optional<Announcement> again = store.replay(tenant, call, MAX_PLAYS);
        if (again.isEmpty()) {
            log.warn("announcement failed in call {} ({}); not replayed: none left to replay", call, reason);
            return Replay.EXHAUSTED;
        }
        try {
            callControl.announce(tenant, again.get().conference(), again.get());
            observer.announcementRequested(tenant, true);
            log.info("announcement failed in call {} ({}); requested again, play {}", call, reason, again.get().plays());
            return Replay.REQUESTED;
        } catch (RuntimeException e) {
            log.warn("announcement failed in call {} ({}) and could not be requested again: {}", call, reason, e.getMessage());
            return Replay.FAILED;
        }
    }

    static String newReference() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean validReference(String reference) {
        return reference != null && reference.matches("[A-Za-z0-9_-]{16,64}");
    }
}
