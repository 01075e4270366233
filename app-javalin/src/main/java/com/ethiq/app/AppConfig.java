package com.ethiq.app;

import com.ethiq.app.calls.media.MediaSettings;
import com.ethiq.app.config.AiSettings;
import com.ethiq.app.config.AlertSettings;
import com.ethiq.app.config.CallerSettings;
import com.ethiq.app.config.DatabaseSettings;
import com.ethiq.app.config.LocalRunSettings;
import com.ethiq.app.config.ManagementSettings;
import com.ethiq.app.config.MediaLimits;
import com.ethiq.app.config.MediaAdmissionSettings;
import com.ethiq.app.config.OnboardingSettings;
import com.ethiq.app.config.RetentionSettings;
import com.ethiq.app.config.ServerSettings;
import com.ethiq.app.config.Setting;
import com.ethiq.app.config.Settings;
import com.ethiq.app.config.SpeechSettings;
import com.ethiq.app.config.TelephonySettings;
import com.ethiq.app.config.TransportSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a node, parsed once at start from environment variables (declared in {@link Settings}, documented
 * in {@code docs/configuration.md}) into one record per concern. A bad value fails here, with a message naming the
 * variable and what it accepts. Immutable, thread-safe.
 */
public final class AppConfig {
    private final Map<String, String> raw;
    private final ServerSettings server;
    private final TransportSettings transport;
    private final MediaSettings media;
    private final MediaAdmissionSettings mediaAdmission;
    private final com.ethiq.app.calls.media.SourceAdmission.Limits mediaSources;
    private final java.util.Set<String> trustedProxies;
    private final TelephonySettings telephony;
    private final SpeechSettings speech;
    private final AiSettings ai;
    private final DatabaseSettings database;
    private final AlertSettings alerts;
    private final RetentionSettings retention;
    private final com.ethiq.app.config.ClusterSettings cluster;
    private final CallerSettings callers;
    private final OnboardingSettings onboarding;
    private final ManagementSettings management;
    private final LocalRunSettings localRun;

    private AppConfig(Map<String, String> raw, MediaAdmissionSettings keptAdmission) {
        this.raw = raw;
        this.server = ServerSettings.from(raw);
        this.transport = TransportSettings.from(raw, server.port());
        this.media = MediaLimits.from(raw);
        this.mediaSources = MediaLimits.sources(raw);
        this.trustedProxies = MediaLimits.trustedProxies(raw);
        this.mediaAdmission = keptAdmission != null ? keptAdmission : MediaAdmissionSettings.from(raw);
        this.telephony = TelephonySettings.from(raw);
        this.speech = SpeechSettings.from(raw);
        this.ai = AiSettings.from(raw);
        this.database = DatabaseSettings.from(raw);
        this.alerts = AlertSettings.from(raw);
        this.retention = RetentionSettings.from(raw);
        this.cluster = com.ethiq.app.config.ClusterSettings.from(raw);
        this.callers = CallerSettings.from(raw);
        this.onboarding = OnboardingSettings.from(raw);
        this.management = ManagementSettings.from(raw);
        this.localRun = LocalRunSettings.from(raw);
    }

    /** From the process environment. */
    public static AppConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** From any map of variables (tests, embedding); variables the catalogue does not declare are ignored. */
    public static AppConfig from(Map<String, String> env) {
        Map<String, String> known = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.isSet(env)) {
                known.put(s.name(), s.raw(env));
            }
        }
        return new AppConfig(Map.copyOf(known), null);
    }

    /** A copy with some variables replaced (tests, embedding); a generated media token key is kept. */
    public AppConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(raw);
        merged.putAll(overrides);
        boolean keepKey = mediaAdmission.tokenSecretGenerated()
                && !Settings.MEDIA_TOKEN_SECRET.isSet(overrides);
        AppConfig next = from(merged);
        return keepKey ? new AppConfig(next.raw, new MediaAdmissionSettings(mediaAdmission.tokenSecret(), true,
                next.mediaAdmission.maxSocketsPerTenant())) : next;
    }

    public ServerSettings server() {
        return server;
    }

    public TransportSettings transport() {
        return transport;
    }

    /** Limits of the media WebSocket endpoint. */
    public MediaSettings media() {
        return media;
    }

    /** What one source address may hold at the media upgrade before a signature vouches for it. */
    public com.ethiq.app.calls.media.SourceAdmission.Limits mediaSources() {
        return mediaSources;
    }

    /** Load balancers whose {@code X-Forwarded-For} names the source of a media upgrade. */
    public java.util.Set<String> trustedProxies() {
        return trustedProxies;
    }

    public MediaAdmissionSettings mediaAdmission() {
        return mediaAdmission;
    }

    public TelephonySettings telephony() {
        return telephony;
    }

    public SpeechSettings speech() {
        return speech;
    }

    public AiSettings ai() {
        return ai;
    }

    public DatabaseSettings database() {
        return database;
    }

    public AlertSettings alerts() {
        return alerts;
    }

    public CallerSettings callers() {
        return callers;
    }

    public RetentionSettings retention() {
        return retention;
    }

    /** Leases of live calls and their take-over by surviving nodes. */
    public com.ethiq.app.config.ClusterSettings cluster() {
        return cluster;
    }

    public OnboardingSettings onboarding() {
        return onboarding;
    }

    public ManagementSettings management() {
        return management;
    }

    public LocalRunSettings localRun() {
        return localRun;
    }

    /** The effective settings, secrets masked: logged at startup. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            String v = raw.getOrDefault(s.name(), "");
            String shown;
            if (s.secret()) {
                shown = !v.isEmpty() ? "(set)" : s == Settings.MEDIA_TOKEN_SECRET ? "(generated)" : "(not set)";
            } else if (s == Settings.DATABASE_URL) {
                shown = v.isEmpty() ? "(in-memory)" : v.replaceAll("password=[^&]*", "password=****");
            } else {
                shown = v.isEmpty() ? "(default " + s.shownDefault() + ")" : v;
            }
            lines.add(s.name() + "=" + shown);
        }
        return lines;
    }
}
