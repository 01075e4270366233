package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.domain.AlertPreferences;
import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.Tenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Use cases: read and change an account's settings (partial update: absent fields keep their value). Thread-safe. */
public final class SettingsService {
    private final Tenants tenants;
    private final AccessPolicy access;
    private final AuditRecorder audit;

    public SettingsService(Tenants tenants, AccessPolicy access, AuditRecorder audit) {
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
    }

    /** Fields to change; null means "keep". Validation is the domain's (thresholds order, retention range…). */
    public record SettingsChange(String language, Double suspiciousThreshold, Double scamThreshold, Boolean smsToContacts,
                                 Boolean announceInCall, Integer retentionDays, List<CustomPhrase> customPhrases,
                                 Boolean aiAnalysisEnabled, Integer aiDailyRequestBudget, Integer clearCallRetentionDays,
                                 String protectedPhone, String blockedCallers, Boolean speechGate) {
        /** A change that keeps the speech gate choice. */
        public SettingsChange(String language, Double suspiciousThreshold, Double scamThreshold, Boolean smsToContacts,
                              Boolean announceInCall, Integer retentionDays, List<CustomPhrase> customPhrases,
                              Boolean aiAnalysisEnabled, Integer aiDailyRequestBudget, Integer clearCallRetentionDays,
                              String protectedPhone, String blockedCallers) {
            this(language, suspiciousThreshold, scamThreshold, smsToContacts, announceInCall, retentionDays, customPhrases,
                    aiAnalysisEnabled, aiDailyRequestBudget, clearCallRetentionDays, protectedPhone, blockedCallers, null);
        }

        /** A change that keeps the block choice. */
        public SettingsChange(String language, Double suspiciousThreshold, Double scamThreshold, Boolean smsToContacts,
                              Boolean announceInCall, Integer retentionDays, List<CustomPhrase> customPhrases,
                              Boolean aiAnalysisEnabled, Integer aiDailyRequestBudget, Integer clearCallRetentionDays,
                              String protectedPhone) {
            this(language, suspiciousThreshold, scamThreshold, smsToContacts, announceInCall, retentionDays, customPhrases,
                    aiAnalysisEnabled, aiDailyRequestBudget, clearCallRetentionDays, protectedPhone, null, null);
        }

        /** A change that keeps the retention of clear calls and the protected person's phone. */
        public SettingsChange(String language, Double suspiciousThreshold, Double scamThreshold, Boolean smsToContacts,
                              Boolean announceInCall, Integer retentionDays, List<CustomPhrase> customPhrases,
                              Boolean aiAnalysisEnabled, Integer aiDailyRequestBudget) {
            this(language, suspiciousThreshold, scamThreshold, smsToContacts, announceInCall, retentionDays, customPhrases,
                    aiAnalysisEnabled, aiDailyRequestBudget, null, null, null, null);
        }
    }

    public TenantSettings get(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.SETTINGS_READ);
        return load(tenant).settings();
    }

    public TenantSettings update(Actor actor, TenantId tenant, SettingsChange c) {
        access.require(actor, tenant, Permission.SETTINGS_WRITE);
        TenantSettings s = load(tenant).settings();
        List<String> changed = new ArrayList<>();
        if (c.language() != null) {
            s = s.withLanguage(Language.parse(c.language()));
            changed.add("language");
        }
        if (c.suspiciousThreshold() != null || c.scamThreshold() != null) {
            s = s.withThresholds(new DetectionThresholds(
                    c.suspiciousThreshold() != null ? c.suspiciousThreshold() : s.thresholds().suspicious(),
                    c.scamThreshold() != null ? c.scamThreshold() : s.thresholds().scam()));
            changed.add("thresholds");
        }
        if (c.smsToContacts() != null || c.announceInCall() != null) {
            s = s.withAlerts(new AlertPreferences(
                    c.smsToContacts() != null ? c.smsToContacts() : s.alerts().smsToContacts(),
                    c.announceInCall() != null ? c.announceInCall() : s.alerts().announceInCall()));
            changed.add("alerts");
        }
        if (c.retentionDays() != null) {
            s = s.withRetention(Duration.ofDays(c.retentionDays()));
            changed.add("retention");
        }
        if (c.clearCallRetentionDays() != null) {
            s = s.withClearCallRetention(Duration.ofDays(c.clearCallRetentionDays()));
            changed.add("clearCallRetention");
        }
        if (c.customPhrases() != null) {
            s = s.withCustomPhrases(c.customPhrases());
            changed.add("customPhrases");
        }
        if (c.aiAnalysisEnabled() != null || c.aiDailyRequestBudget() != null) {
            s = s.withAi(c.aiAnalysisEnabled() != null ? c.aiAnalysisEnabled() : s.aiAnalysisEnabled(),
                    c.aiDailyRequestBudget() != null ? c.aiDailyRequestBudget() : s.aiDailyRequestBudget());
            changed.add("ai");
        }
        if (c.protectedPhone() != null) {
            // E.164 only here; "" clears it (national formats are normalised by the API before this)
            s = s.withProtectedPhone(c.protectedPhone().isBlank() ? null : com.ethiq.core.domain.PhoneNumber.of(c.protectedPhone().strip()));
            changed.add("protectedPhone");
        }
        if (c.blockedCallers() != null) {
            s = s.withBlockedCallers(TenantSettings.parseBlockedCallers(c.blockedCallers()));
            changed.add("blockedCallers");
        }
        if (c.speechGate() != null) {
            s = s.withSpeechGate(c.speechGate());
            changed.add("speechGate");
        }
        if (changed.isEmpty()) {
            throw new IllegalArgumentException("give at least one setting to change");
        }
        if (!tenants.updateSettings(tenant, s)) {
            throw new NotFoundException("account");
        }
        audit.record(actor, tenant, "settings.updated", tenant.toString(), Map.of("fields", String.join(",", changed)));
        return s;
    }

    private Tenant load(TenantId tenant) {
        return tenants.findById(tenant).orElseThrow(() -> new NotFoundException("account"));
    }
}
