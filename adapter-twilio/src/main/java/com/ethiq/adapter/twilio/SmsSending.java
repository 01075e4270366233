package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.TenantId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How alert SMS leave Twilio for one account: the sender shown on the handset and how long Twilio may keep the message
 * queued. French mobile numbers are reserved for person-to-person traffic, so application-to-person alerts to French
 * mobiles go out from a registered alphanumeric sender ID (e.g. "ETHIQ") and/or through a Messaging Service whose
 * sender pool holds it. Without either, the tenant's own number is used (countries where that is allowed). Immutable.
 *
 * @param alphanumericSender   sent as {@code From}: 1-11 characters of A-Z, a-z, 0-9 and space, at least one letter
 *                             (Twilio glossary "Alphanumeric Sender ID")
 * @param messagingServiceSid  sent as {@code MessagingServiceSid} ({@code MG} + 32 hex): "instead of or in addition to"
 *                             {@code From} (Twilio error 21603)
 * @param validityPeriod       sent as {@code ValidityPeriod}, whole seconds 1-36000 (Twilio error 90007): a "call her
 *                             now" that waited longer in Twilio's queue is dropped (error 30036) instead of arriving late
 */
public record SmsSending(Optional<String> alphanumericSender, Optional<String> messagingServiceSid, Duration validityPeriod) {
    /** About 15 minutes: after that the scam call is over and the alert is worse than useless. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofSeconds(900);
    /** Twilio's own default and maximum (10 hours). */
    public static final Duration MAX_VALIDITY = Duration.ofSeconds(36_000);

    private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");

    public SmsSending {
        Objects.requireNonNull(alphanumericSender, "'alphanumericSender' must not be null");
        Objects.requireNonNull(messagingServiceSid, "'messagingServiceSid' must not be null");
        Objects.requireNonNull(validityPeriod, "'validityPeriod' must not be null");
        alphanumericSender.ifPresent(s -> {
            if (!ALPHANUMERIC.matcher(s).matches()) {
                throw new IllegalArgumentException("'alphanumericSender' must be 1-11 characters of A-Z, a-z, 0-9 and space with at least one letter, got '" + s + "'");
            }
        });
        messagingServiceSid.ifPresent(s -> {
            if (!SERVICE_SID.matcher(s).matches()) {
                throw new IllegalArgumentException("'messagingServiceSid' must be MG + 32 hex digits");
            }
        });
        if (validityPeriod.toMillis() % 1000 != 0 || validityPeriod.getSeconds() < 1 || validityPeriod.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("'validityPeriod' must be whole seconds from 1 to 36000, got " + validityPeriod);
        }
    }

    /** The tenant's own number as sender, 15 minutes of validity. */
    public static SmsSending fromTenantNumber() {
        return new SmsSending(Optional.empty(), Optional.empty(), DEFAULT_VALIDITY);
    }

    public static SmsSending alphanumeric(String sender) {
        return new SmsSending(Optional.of(sender), Optional.empty(), DEFAULT_VALIDITY);
    }

    public SmsSending withMessagingService(String sid) {
        return new SmsSending(alphanumericSender, Optional.of(sid), validityPeriod);
    }

    public SmsSending withValidityPeriod(Duration value) {
        return new SmsSending(alphanumericSender, messagingServiceSid, value);
    }

    /** Whether the tenant's number is the {@code From} (no alphanumeric sender, no service choosing one). */
    boolean usesTenantNumber() {
        return alphanumericSender.isEmpty() && messagingServiceSid.isEmpty();
    }

    /**
     * Which {@link SmsSending} applies to an account: one for the whole platform, or one per account (an account that
     * registered its own sender ID or Messaging Service) falling back to the platform's.
     */
    @FunctionalInterface
    public interface PerAccount {
        SmsSending forTenant(TenantId tenant);

        static PerAccount platform(SmsSending sending) {
            Objects.requireNonNull(sending, "'sending' must not be null");
            return tenant -> sending;
        }
    }
}
