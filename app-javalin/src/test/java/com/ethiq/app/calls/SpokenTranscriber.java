package com.ethiq.app.calls;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recogniser whose final segments the test speaks, at once and in order ({@link #say}); unlike the fakes'
 * {@code ScriptedSpeechTranscriber} it does not pace lines by the audio received, so a test can speak exactly when a
 * fault is in place.
 */
final class SpokenTranscriber implements SpeechTranscriber {
    private final Map<String, TranscriptListener> listeners = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> utterances = new ConcurrentHashMap<>();

    @Override
    public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
        listeners.put(request.callSid().value() + request.speaker().wire(), listener);
        return new TranscriptionStream() {
            @Override
            public void push(byte[] mulaw) {
            }

            @Override
            public void close() {
                listener.onClosed();
            }
        };
    }

    void say(CallSid sid, Speaker speaker, String text) {
        String key = sid.value() + speaker.wire();
        int n = utterances.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
        listeners.get(key).onSegment(TranscriptSegment.finalText(speaker, n, text));
    }
}
