package com.ethiq.core.usecase;

import java.time.Duration;
import java.util.Objects;

/**
 * Sizes and periods of the core's own background work; the core builds and owns the threads (see
 * {@code docs/architecture.md}, "Threads of a node"). One canonical constructor; start from {@link #DEFAULT} and change
 * what differs with the {@code with…} methods.
 *
 * @param aiThreads           AI analysis requests ({@code ethiq-ai})
 * @param transcriptThreads   a scam's raise, which waits for the alerts' commit ({@code ethiq-transcripts}, an older
 *                            name); segments themselves are judged on the thread that delivers them
 *                            ({@code TranscriptHandOff})
 * @param callControlThreads  ringing the protected person in, with retries ({@code ethiq-call-control})
 * @param alertWorkers        alert delivery loops ({@code ethiq-alerts-N}, plus one {@code ethiq-alerts-wake})
 * @param alertInterval       how often an idle alert worker looks for due alerts
 * @param retentionInterval   period of the transcript retention pass ({@code ethiq-jobs})
 * @param storeThreads        the call path's store writes, behind detection ({@code ethiq-store}, plus one
 *                            {@code ethiq-store-retry})
 * @param alertSendThreads    a raised scam's sends, each an HTTP request to the provider that mostly waits: this many
 *                            for SMS ({@code ethiq-alert-sms}) and as many for announcements ({@code ethiq-alert-announce},
 *                            a conference look-up then its update), so an SMS never queues behind an announcement;
 *                            two more threads mark the outcomes in the store ({@code ethiq-alert-outcomes})
 */
public record CoreThreads(int aiThreads, int transcriptThreads, int callControlThreads, int alertWorkers,
                          Duration alertInterval, Duration retentionInterval, int storeThreads, int alertSendThreads) {
    /**
     * 16 send threads: a burst of scams judged in the same second (2-9 in the load runs, two SMS and one announcement
     * each) goes out at once; they block on the network, not the CPU.
     */
    public static final int DEFAULT_ALERT_SEND_THREADS = 16;

    public static final CoreThreads DEFAULT = new CoreThreads(4, Math.max(2, Runtime.getRuntime().availableProcessors()), 4, 4,
            Duration.ofSeconds(1), Duration.ofHours(1), 4, DEFAULT_ALERT_SEND_THREADS);

    /** The same sizes with {@code n} AI threads. */
    public CoreThreads withAiThreads(int n) {
        return new CoreThreads(n, transcriptThreads, callControlThreads, alertWorkers, alertInterval, retentionInterval,
                storeThreads, alertSendThreads);
    }

    /**
     * The same sizes with {@code n} threads for scams' raises ({@code ethiq-transcripts}, a name kept from when they
     * judged transcript segments: since session 7 segments are judged on the thread that delivers them).
     */
    public CoreThreads withTranscriptThreads(int n) {
        return new CoreThreads(aiThreads, n, callControlThreads, alertWorkers, alertInterval, retentionInterval,
                storeThreads, alertSendThreads);
    }

    /** The same sizes with {@code n} call-control threads. */
    public CoreThreads withCallControlThreads(int n) {
        return new CoreThreads(aiThreads, transcriptThreads, n, alertWorkers, alertInterval, retentionInterval,
                storeThreads, alertSendThreads);
    }

    /** The same sizes with {@code n} alert workers, each looking for due alerts every {@code interval} when idle. */
    public CoreThreads withAlertWorkers(int n, Duration interval) {
        return new CoreThreads(aiThreads, transcriptThreads, callControlThreads, n, interval, retentionInterval,
                storeThreads, alertSendThreads);
    }

    /** The same sizes with the retention pass every {@code interval}. */
    public CoreThreads withRetentionInterval(Duration interval) {
        return new CoreThreads(aiThreads, transcriptThreads, callControlThreads, alertWorkers, alertInterval, interval,
                storeThreads, alertSendThreads);
    }

    /** The same sizes with {@code n} store writer threads. */
    public CoreThreads withStoreThreads(int n) {
        return new CoreThreads(aiThreads, transcriptThreads, callControlThreads, alertWorkers, alertInterval, retentionInterval,
                n, alertSendThreads);
    }

    /** The same sizes with {@code n} alert send threads (per kind). */
    public CoreThreads withAlertSendThreads(int n) {
        return new CoreThreads(aiThreads, transcriptThreads, callControlThreads, alertWorkers, alertInterval, retentionInterval,
                storeThreads, n);
    }

    public CoreThreads {
        if (aiThreads < 1 || transcriptThreads < 1 || callControlThreads < 1 || alertWorkers < 1 || storeThreads < 1
                || alertSendThreads < 1) {
            throw new IllegalArgumentException("thread counts must be >= 1");
        }
        Objects.requireNonNull(alertInterval, "'alertInterval' must not be null");
        Objects.requireNonNull(retentionInterval, "'retentionInterval' must not be null");
        if (alertInterval.toMillis() < 1 || retentionInterval.toMillis() < 1) {
            throw new IllegalArgumentException("'alertInterval' and 'retentionInterval' must be >= 1 ms");
        }
    }
}
