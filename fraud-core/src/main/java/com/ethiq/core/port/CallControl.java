package com.ethiq.core.port;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TenantId;

/**
 * Outgoing port: acts on live calls and sends messages through the tenant's own telephony account.
 * Failures raise {@link CallControlException}; {@code permanent()} ones (invalid number, bad credentials) must not
 * be retried. Implementations never retry a non-idempotent send on their own unless it is provably safe
 * (the request was not processed). Thread-safe.
 */
public interface CallControl {

    /**
     * Sends one SMS. {@code idempotencyKey} is stable across retries of the same alert; implementations use it
     * to avoid a second message when a previous attempt's outcome is unknown.
     */
    DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String idempotencyKey);

    /** Speaks {@code message} to everyone in the tenant's conference. */
    DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String idempotencyKey);

    /** Rings the protected person's SIP address into the conference, showing the tenant's number as caller id. */
    void addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress, PhoneNumber callerId);

    /** Ends a call leg. Ending an already ended call is not an error. */
    void hangUp(TenantId tenant, CallSid callSid);

    /** What the vendor said when it accepted a request. */
    record DeliveryReceipt(String providerReference, String status) {
    }

    /** A telephony failure; see {@link VendorException#permanent()}. */
    class CallControlException extends VendorException {
        public CallControlException(String message, boolean permanent, String vendorCode, Throwable cause) {
            super("telephony", message, permanent, vendorCode, cause);
        }
    }
}
