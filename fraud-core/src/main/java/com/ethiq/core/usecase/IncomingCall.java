package com.ethiq.core.usecase;

import com.ethiq.core.caller.Attestation;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import java.util.Objects;

/**
 * Command: the telephony provider tells us a call is ringing on {@code to}. {@code from} is raw (may be "anonymous");
 * {@code attestation} is the carrier's caller-ID verification when it passed one on (Twilio's StirVerstat).
 */
public record IncomingCall(CallSid callSid, String from, PhoneNumber to, Attestation attestation) {
    public IncomingCall(CallSid callSid, String from, PhoneNumber to) {
        this(callSid, from, to, Attestation.ABSENT);
    }

    public IncomingCall {
        attestation = attestation == null ? Attestation.ABSENT : attestation;
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        from = from == null ? "" : from.strip();
        if (from.length() > 64) {
            throw new IllegalArgumentException("'from' must be at most 64 characters");
        }
        Objects.requireNonNull(to, "'to' must not be null");
    }
}
