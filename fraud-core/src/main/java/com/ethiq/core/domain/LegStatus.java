package com.ethiq.core.domain;

/** The protected person's leg of a call as the telephony provider reports its progress (read from the provider's words by its adapter). */
public enum LegStatus {
    /** Dialled, or ringing: nothing decided yet. */
    RINGING,
    ANSWERED,
    NO_ANSWER,
    BUSY,
    /** The endpoint could not be reached. */
    FAILED,
    /** Cancelled before it was answered (we cancel it when the caller hangs up). */
    CANCELED,
    /** An answered leg ended. */
    COMPLETED
}
