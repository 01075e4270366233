package com.ethiq.core.usecase;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes the alert SMS to one emergency contact, and says what to store with that alert (the contact's family link,
 * whose token only the SMS carries). Called once per candidate alert, off the caller's thread.
 */
public interface AlertSmsComposer {

    Composed compose(Tenant tenant, EmergencyContact contact, UUID alertId, CallSid callSid, ScamCategory category,
                     String advice, Instant now);

    /** The SMS text, and a store write run in the call's queue of writes right after the alerts are recorded. */
    record Composed(String message, Runnable store) {
        public Composed {
            java.util.Objects.requireNonNull(message, "'message' must not be null");
            store = store == null ? () -> { } : store;
        }
    }

    /** The SMS without a link: the text of {@link AlertMessages#sms}, with the advice. */
    AlertSmsComposer PLAIN = (tenant, contact, alertId, callSid, category, advice, now) ->
            new Composed(AlertMessages.withAdvice(AlertMessages.sms(tenant, category), advice), null);
}
