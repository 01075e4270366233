package com.ethiq.app.calls.media;

/**
 * What a media socket's upgrade established, for its {@link MediaConnection}: the Twilio signature ({@code verified}
 * when it matched the platform token), the source key, the waiting place to give back once the start is accepted or
 * the socket ends (a no-op for vouched upgrades; idempotent), where to report a signature a start authenticated, and
 * the bounded log for refusals.
 */
record MediaUpgrade(String signature, boolean verified, String source, Runnable waiting, UpgradeAdmission admission,
                    RefusalLog refusals) {
}
