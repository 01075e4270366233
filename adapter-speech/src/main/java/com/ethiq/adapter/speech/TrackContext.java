package com.ethiq.adapter.speech;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** What every track of one transcriber shares. Immutable; its parts are thread-safe. */
record TrackContext(GoogleSpeechSettings settings, SpeechClients clients, RecognitionConfigs configs, ModelChoice models,
                    ServiceBreaker breaker, SpeechCounters counters, ScheduledExecutorService scheduler, Clock clock,
                    Consumer<TrackSession> onFinished) {
}
