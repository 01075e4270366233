package com.ethiq.core.domain;

/** What a carrier's delivery report says about a sent SMS. */
public enum SmsDelivery {
    /** Still on its way (queued, sending, sent to the carrier): nothing to do yet. */
    IN_TRANSIT,
    /** The handset received it. */
    DELIVERED,
    /** It will never arrive: refused, filtered, unreachable handset, landline, validity period expired. */
    NOT_DELIVERED
}
