package com.ethiq.core.port;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;

/**
 * Outgoing port: where a call's media stream goes and the credentials it carries (the host's public media URL and a
 * fresh single-use token bound to the call and to the stream's {@code generation}, which the media claim accepts
 * once). The host implements it; the core asks it when it streams a call again after its node died. Thread-safe.
 */
@FunctionalInterface
public interface MediaStreamTargets {
    CallControl.StreamTarget forCall(TenantId tenant, CallSid callSid, int generation);
}
