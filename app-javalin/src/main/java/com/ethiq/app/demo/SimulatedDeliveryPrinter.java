package com.ethiq.app.demo;

import com.ethiq.core.fake.RecordingCallControl;

/** One console line per message the recording telephony "sent", so a demo user sees every SMS and announcement. */
final class SimulatedDeliveryPrinter {
    private SimulatedDeliveryPrinter() {
    }

    static String describe(RecordingCallControl.Delivery d) {
        return describe(d, tenant -> null);
    }

    /** {@code senderOf}: the SMS sender name the account's alerts would show (its own or the platform's), or null. */
    static String describe(RecordingCallControl.Delivery d, java.util.function.Function<com.ethiq.core.domain.TenantId, String> senderOf) {
        if (d instanceof RecordingCallControl.Sms sms) {
            String sender = senderOf.apply(sms.tenant());
            return "[SIMULATED SMS] from " + (sender != null ? sender : sms.from().masked()) + " to " + sms.to().masked() + ": "
                    + oneLine(sms.body());
        }
        if (d instanceof RecordingCallControl.Announcement a) {
            String audience = a.audience() == com.ethiq.core.domain.AnnouncementAudience.EVERYONE
                    ? "to everyone" : "to the protected person only";
            return "[SIMULATED ANNOUNCEMENT] " + audience + " in " + a.conference() + " ("
                    + a.language().name().toLowerCase(java.util.Locale.ROOT) + "): " + oneLine(a.message());
        }
        if (d instanceof RecordingCallControl.ParticipantAdded p) {
            String shown = p.shown().withheld() ? "\"" + p.shown().displayName() + "\" (withheld)" : p.shown().number().masked();
            return "[SIMULATED CALL] ringing " + p.sipAddress().uri() + " into " + p.conference() + ", the phone shows " + shown;
        }
        if (d instanceof RecordingCallControl.RelativeJoined j) {
            return "[SIMULATED CALL] relative " + j.relative().masked() + " dialled into " + j.conference() + " from "
                    + j.callerId().masked() + ", tone + announcement: " + oneLine(j.announcement());
        }
        if (d instanceof RecordingCallControl.EndedWithNotice e) {
            return "[SIMULATED END] told the protected person \"" + oneLine(e.notice()) + "\", then hung up call " + e.caller();
        }
        if (d instanceof RecordingCallControl.HangUp h) {
            return "[SIMULATED HANG-UP] call " + h.callSid();
        }
        return "[SIMULATED] " + d.getClass().getSimpleName();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
