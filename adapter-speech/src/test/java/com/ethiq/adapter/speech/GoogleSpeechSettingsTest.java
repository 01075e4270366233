package com.ethiq.adapter.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.api.gax.grpc.GrpcStatusCode;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class GoogleSpeechSettingsTest {

    @Test
    void defaultsAreTheProductionOnes() {
        GoogleSpeechSettings s = GoogleSpeechSettings.builder().build();
        assertThat(s.endpoint()).isEqualTo("speech.googleapis.com:443");
        assertThat(s.plaintext()).isFalse();
        assertThat(s.model()).isEqualTo("telephony");
        assertThat(s.fallbackModel()).isEqualTo("phone_call");
        assertThat(s.restartInterval()).isEqualTo(Duration.ofSeconds(270));
        assertThat(s.retainedAudio()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoff().ceiling(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(s.backoff().ceiling(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.backoff().ceiling(10)).isEqualTo(Duration.ofSeconds(8));
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> GoogleSpeechSettings.builder().endpoint("speech.googleapis.com").build())
                .hasMessageContaining("'endpoint'");
        assertThatThrownBy(() -> GoogleSpeechSettings.builder().model(" ").build()).hasMessageContaining("'model'");
        assertThatThrownBy(() -> GoogleSpeechSettings.builder().phraseBoost(25).build()).hasMessageContaining("'phraseBoost'");
        assertThatThrownBy(() -> GoogleSpeechSettings.builder().maxQueuedAudio(Duration.ZERO).build()).hasMessageContaining("'maxQueuedAudio'");
        assertThatThrownBy(() -> GoogleSpeechSettings.builder().restartInterval(Duration.ofSeconds(40)).build())
                .hasMessageContaining("'retainedAudio'");
        assertThatThrownBy(() -> GoogleSpeechSettings.builder().closeTimeout(Duration.ZERO).build())
                .hasMessageContaining("'closeTimeout'");
        assertThatThrownBy(() -> GoogleSpeechSettings.builder().alternativeLanguages(List.of("a", "b", "c", "d")).build())
                .hasMessageContaining("'alternativeLanguages'");
        assertThatThrownBy(() -> new GoogleSpeechSettings.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 3))
                .hasMessageContaining("'max'");
        assertThatThrownBy(() -> GoogleSpeechSettings.builder().workerThreads(0).build()).hasMessageContaining("'workerThreads'");
    }

    @Test
    void errorsAreSortedIntoRestartRetryAndGiveUp() {
        assertThat(StreamError.of(api(Status.Code.OUT_OF_RANGE)).action()).isEqualTo(StreamError.Action.RESTART);
        for (Status.Code code : List.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED,
                Status.Code.INTERNAL)) {
            assertThat(StreamError.of(api(code)).action()).as(code.name()).isEqualTo(StreamError.Action.RETRY);
        }
        for (Status.Code code : List.of(Status.Code.INVALID_ARGUMENT, Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED)) {
            assertThat(StreamError.of(api(code)).action()).as(code.name()).isEqualTo(StreamError.Action.PERMANENT);
        }
        assertThat(StreamError.of(Status.UNAVAILABLE.asRuntimeException()).code()).isEqualTo("UNAVAILABLE");
        assertThat(StreamError.of(new CancellationException()).action()).isEqualTo(StreamError.Action.CANCELLED);
        assertThat(StreamError.ofRpcStatus(11, "too long").action()).isEqualTo(StreamError.Action.RESTART);
    }

    private static Exception api(Status.Code code) {
        return ApiExceptionFactory.createException(Status.fromCode(code).withDescription("x").asRuntimeException(),
                GrpcStatusCode.of(code), false);
    }
}
