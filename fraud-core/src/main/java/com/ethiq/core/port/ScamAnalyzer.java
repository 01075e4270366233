package com.ethiq.core.port;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import java.util.List;
import java.util.Objects;

/**
 * Outgoing port: an AI opinion on a transcript window. Implementations redact personal data before anything leaves
 * the process, bound their own latency, and throw {@link AnalysisUnavailableException} on any failure: the rules
 * then decide alone. Thread-safe.
 */
public interface ScamAnalyzer {

    AiAnalysis analyze(AnalysisRequest request);

    /** The turns to judge (speaker-labelled, in order) and what the rules think so far. */
    record AnalysisRequest(TenantId tenant, CallSid callSid, Language language, List<Turn> window, Verdict ruleVerdict) {
        public AnalysisRequest {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            Objects.requireNonNull(language, "'language' must not be null");
            Objects.requireNonNull(ruleVerdict, "'ruleVerdict' must not be null");
            window = List.copyOf(window);
            if (window.isEmpty()) {
                throw new IllegalArgumentException("'window' must hold at least one turn");
            }
        }
    }

    record Turn(int index, Speaker speaker, String text) {
        public Turn {
            Objects.requireNonNull(speaker, "'speaker' must not be null");
            Objects.requireNonNull(text, "'text' must not be null");
        }
    }

    /**
     * The AI's answer, already validated: confidence in 0..1, evidence turns within the window, a short warning
     * sentence in the tenant's language suitable to be spoken in the call.
     */
    record AiAnalysis(boolean scam, double confidence, ScamCategory category, List<String> reasons,
                      List<Integer> evidenceTurns, String warning, String model, TokenUsage usage) {
        public AiAnalysis {
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("'confidence' must be within 0..1, got " + confidence);
            }
            Objects.requireNonNull(category, "'category' must not be null");
            reasons = List.copyOf(reasons);
            evidenceTurns = List.copyOf(evidenceTurns);
            Objects.requireNonNull(warning, "'warning' must not be null");
            Objects.requireNonNull(model, "'model' must not be null");
            Objects.requireNonNull(usage, "'usage' must not be null");
        }
    }

    record TokenUsage(long promptTokens, long completionTokens) {
        public TokenUsage {
            if (promptTokens < 0 || completionTokens < 0) {
                throw new IllegalArgumentException("token counts must be >= 0");
            }
        }

        public long total() {
            return promptTokens + completionTokens;
        }
    }

    /** The AI could not answer in time or at all (timeout, outage, refusal, invalid output, budget). */
    class AnalysisUnavailableException extends VendorException {
        public AnalysisUnavailableException(String message, boolean permanent, String vendorCode, Throwable cause) {
            super("ai", message, permanent, vendorCode, cause);
        }
    }
}
