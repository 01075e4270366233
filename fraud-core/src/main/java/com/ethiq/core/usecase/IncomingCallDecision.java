package com.ethiq.core.usecase;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Tenant;

/** What to do with a ringing call. */
public sealed interface IncomingCallDecision
        permits IncomingCallDecision.Protect, IncomingCallDecision.ConnectUnprotected, IncomingCallDecision.Reject {

    /** Put the caller in the tenant's conference, ring the protected person in, and listen. */
    record Protect(Tenant tenant, CallSid callSid, ConferenceName conference) implements IncomingCallDecision {
    }

    /** Connect the call without listening (suspended account: the person must still receive calls). */
    record ConnectUnprotected(Tenant tenant, CallSid callSid, String reason) implements IncomingCallDecision {
    }

    /** Refuse the call (unknown number, cancelled account). */
    record Reject(String reason, boolean politeMessage) implements IncomingCallDecision {
    }
}
