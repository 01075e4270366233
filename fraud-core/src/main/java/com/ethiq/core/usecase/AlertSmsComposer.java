package com.ethiq.core.usecase;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes the alert SMS to one emergency contact, and says what must be stored before that alert is recorded (the
 * contact's family link, whose token only the SMS carries). Called once per candidate alert, off the caller's thread.
 */
public interface AlertSmsComposer {

    Composed compose(Tenant tenant, EmergencyContact contact, UUID alertId, CallSid callSid, ScamCategory category,
                     String advice, Instant now);

    /** The SMS text, and a store write to run (in the call's write queue) before the alert is recorded. */
    record Composed(String message, Runnable storeFirst) {
        public Composed {
            java.util.Objects.requireNonNull(message, "'message' must not be null");
            storeFirst = storeFirst == null ? () -> { } : storeFirst;
        }
    }

    /** The SMS without a link: the text of {@link AlertMessages#sms}, with the advice. */
    AlertSmsComposer PLAIN = (tenant, contact, alertId, callSid, category, advice, now) ->
            new Composed(AlertMessages.withAdvice(AlertMessages.sms(tenant, category), advice), null);
}
