package com.ethiq.app.config;

import com.ethiq.adapter.openai.OpenAiSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** AI analysis: off (the phrase rules decide alone) or OpenAI, with adapter-openai's settings built from the catalogue. */
public record AiSettings(VendorMode mode, OpenAiSettings openAi) {
    public AiSettings {
        Objects.requireNonNull(mode, "'mode' must not be null");
        Objects.requireNonNull(openAi, "'openAi' must not be null");
    }

    public static AiSettings from(Map<String, String> env) {
        OpenAiSettings.Builder b = OpenAiSettings.builder()
                .baseUrl(Settings.OPENAI_BASE_URL.read(env))
                .model(Settings.AI_MODEL.read(env))
                .requestTimeout(Duration.ofMillis(Settings.AI_TIMEOUT_MS.read(env)))
                .maxConcurrentCalls(Settings.AI_MAX_CONCURRENT.read(env))
                .tenantRateLimit(Settings.AI_TENANT_CALLS_PER_MINUTE.read(env), Duration.ofMinutes(1));
        Settings.OPENAI_API_KEY.read(env).ifPresent(b::apiKey);
        return new AiSettings(Settings.AI.read(env), b.build());
    }
}
