package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limits of the use cases' own settings and commands, on both sides of each bound. */
class UseCaseSettingsTest {

    @Test
    void escalationNeedsAPositiveDeadlineAndOneToTwoHundredTurns() {
        EscalationPolicy edge = new EscalationPolicy(Duration.ZERO, Duration.ofMillis(1), 1);
        assertThat(edge.windowTurns()).isEqualTo(1);
        assertThat(new EscalationPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 200).windowTurns()).isEqualTo(200);
        String timing = "'minInterval' must be >= 0 and 'deadline' > 0";
        assertThatThrownBy(() -> new EscalationPolicy(Duration.ofMillis(-1), Duration.ofSeconds(1), 10)).hasMessage(timing);
        assertThatThrownBy(() -> new EscalationPolicy(Duration.ZERO, Duration.ZERO, 10)).hasMessage(timing);
        assertThatThrownBy(() -> new EscalationPolicy(Duration.ZERO, Duration.ofMillis(-1), 10)).hasMessage(timing);
        assertThatThrownBy(() -> new EscalationPolicy(Duration.ZERO, Duration.ofSeconds(1), 0))
                .hasMessage("'windowTurns' must be 1-200, got 0");
        assertThatThrownBy(() -> new EscalationPolicy(Duration.ZERO, Duration.ofSeconds(1), 201))
                .hasMessage("'windowTurns' must be 1-200, got 201");
    }

    @Test
    void dispatcherSettingsNeedAtLeastOneAlertPerBatchAndOneAttempt() {
        Duration d = Duration.ofSeconds(1);
        assertThat(new AlertDispatcher.Settings(1, d, d, d, 1).maxAttempts()).isEqualTo(1);
        String message = "'batchSize' and 'maxAttempts' must be >= 1";
        assertThatThrownBy(() -> new AlertDispatcher.Settings(0, d, d, d, 1)).hasMessage(message);
        assertThatThrownBy(() -> new AlertDispatcher.Settings(1, d, d, d, 0)).hasMessage(message);
    }

    @Test
    void anIncomingCallKeepsTheCallerAsGivenWithinSixtyFourCharacters() {
        PhoneNumber to = PhoneNumber.of("+33100000001");
        assertThat(new IncomingCall(CallSid.of("CA1"), null, to).from()).isEmpty();
        assertThat(new IncomingCall(CallSid.of("CA1"), " anonymous ", to).from()).isEqualTo("anonymous");
        assertThat(new IncomingCall(CallSid.of("CA1"), "x".repeat(64), to).from()).hasSize(64);
        assertThatThrownBy(() -> new IncomingCall(CallSid.of("CA1"), "x".repeat(65), to))
                .hasMessage("'from' must be at most 64 characters");
    }
}
