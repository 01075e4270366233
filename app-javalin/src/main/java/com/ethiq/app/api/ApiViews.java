package com.ethiq.app.api;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.management.backoffice.AccountService;
import com.ethiq.core.management.backoffice.ChainVerification;
import com.ethiq.core.management.backoffice.ChainedAuditEvent;
import com.ethiq.core.management.identity.Invitation;
import com.ethiq.core.management.backoffice.MemberService;
import com.ethiq.core.management.identity.ProfileService;
import com.ethiq.core.management.identity.Session;
import com.ethiq.core.management.identity.SessionTokens;
import com.ethiq.core.management.backoffice.UsageService;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import com.ethiq.core.port.TenantSecrets.SecretStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies: explicit DTOs, so no domain field (a password hash, a secret) can leak by being added later. */
public final class ApiViews {
    private ApiViews() {
    }

    public record Accepted(String status, String detail) {
    }

    public record Tokens(String tokenType, String accessToken, long expiresIn, Instant accessExpiresAt, String refreshToken,
                         Instant refreshExpiresAt, UUID sessionId) {
        static Tokens of(SessionTokens t, Clock clock) {
            long in = Math.max(0, t.access().expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
            return new Tokens("Bearer", t.access().value(), in, t.access().expiresAt(), t.refreshToken(), t.refreshExpiresAt(),
                    t.sessionId());
        }

        @Override
        public String toString() {
            return "Tokens[****]";
        }
    }

    /** Either tokens, or {@code secondFactorRequired} with the challenge to present with the code. */
    public record Login(Boolean secondFactorRequired, String challenge, Instant challengeExpiresAt, Tokens tokens) {
        @Override
        public String toString() {
            return "Login[****]";
        }
    }

    public record AccessToken(String tokenType, String accessToken, long expiresIn, Instant accessExpiresAt) {
        @Override
        public String toString() {
            return "AccessToken[****]";
        }
    }

    public record MembershipView(UUID accountId, String role) {
    }

    public record Me(UUID id, String email, String displayName, boolean operator, boolean twoFactorEnabled,
                     int recoveryCodesLeft, List<MembershipView> memberships) {
        static Me of(ProfileService.Profile p) {
            return new Me(p.user().id().value(), p.user().email().value(), p.user().displayName(), p.user().operator(),
                    p.twoFactorEnabled(), p.recoveryCodesLeft(),
                    p.memberships().stream().map(m -> new MembershipView(m.tenant().value(), m.role().wire())).toList());
        }
    }

    public record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip, String userAgent,
                              boolean current) {
        static SessionView of(Session s) {
            return new SessionView(s.id(), s.createdAt(), s.lastUsedAt(), s.expiresAt(), s.ip(), s.userAgent(), s.current());
        }
    }

    public record SessionList(List<SessionView> items) {
    }

    /** {@code qrSvg}: the otpauth URI as a QR code (an SVG document), for the authenticator app to scan. */
    public record TotpEnrolment(String secret, String otpauthUri, String qrSvg) {
        @Override
        public String toString() {
            return "TotpEnrolment[****]";
        }
    }

    public record RecoveryCodes(List<String> recoveryCodes, Tokens tokens) {
        @Override
        public String toString() {
            return "RecoveryCodes[****]";
        }
    }

    public record Account(UUID id, String displayName, String status, String phoneNumber, String sipAddress,
                          Instant createdAt, String role) {
        static Account of(AccountService.AccountView v) {
            Tenant t = v.tenant();
            return new Account(t.id().value(), t.displayName(), t.status().wire(), t.number().map(PhoneNumber::e164).orElse(null),
                    t.sipAddress().uri(), t.createdAt(), v.role() == null ? null : v.role().wire());
        }
    }

    public record AccountList(List<Account> items) {
    }

    /** A pool number as operators see it: state free, quarantined (until {@code availableAt}), assigned or retired (never re-assigned: to return to Twilio). */
    public record PoolNumber(String number, String region, String state, UUID assignedTo, Instant availableAt) {
        static PoolNumber of(com.ethiq.core.management.onboarding.NumberPoolOperations.PoolNumber p) {
            return new PoolNumber(p.entry().number().e164(), p.entry().region(), p.state().wire(),
                    p.entry().assignedTo() == null ? null : p.entry().assignedTo().value(), p.entry().availableAt());
        }
    }

    public record PoolNumberList(List<PoolNumber> items, Map<String, Integer> counts) {
    }

    /** A number the provider offers (voice and SMS). */
    public record OfferedNumber(String number, String country, String area) {
    }

    public record OfferedNumberList(List<OfferedNumber> items) {
    }

    /** Numbers added to the pool by a purchase or an import. */
    public record PoolChange(String region, List<String> added) {
    }

    /** One difference between the pool and the provider; {@code kind}: missing, misconfigured, foreign_webhooks, not_in_pool. */
    public record Drift(String number, String kind, UUID accountId, boolean repaired) {
    }

    public record Reconciliation(boolean repair, int drifts, int repaired, List<Drift> items) {
    }

    public record Erasure(UUID accountId, Map<String, Integer> erased) {
    }

    public record Member(UUID userId, String email, String displayName, String role, Instant since) {
        static Member of(MemberService.Member m) {
            return new Member(m.user().value(), m.email(), m.displayName(), m.role().wire(), m.since());
        }
    }

    public record MemberList(List<Member> items) {
    }

    /** {@code token} is present only in the answer to the invitation's creation. */
    public record InvitationView(UUID id, String email, String role, Instant createdAt, Instant expiresAt, String token) {
        static InvitationView of(Invitation i, String token) {
            return new InvitationView(i.id(), i.email().value(), i.role().wire(), i.createdAt(), i.expiresAt(), token);
        }
    }

    public record InvitationList(List<InvitationView> items) {
    }

    public record Contact(UUID id, String name, String phone, String relationship, Instant createdAt, boolean mayJoin) {
        static Contact of(EmergencyContact c) {
            return new Contact(c.id(), c.name(), c.phone().e164(), c.relationship(), c.createdAt(), c.mayJoin());
        }
    }

    public record ContactList(List<Contact> items) {
    }

    /** A trusted or blocked caller; {@code listing} is trusted, blocked_reject or blocked_warn. */
    public record KnownCaller(UUID id, String phone, String name, String listing, Instant createdAt) {
        static KnownCaller of(com.ethiq.core.domain.KnownCaller c) {
            return new KnownCaller(c.id(), c.phone().e164(), c.name(), c.listing().wire(), c.createdAt());
        }
    }

    public record KnownCallerList(List<KnownCaller> items) {
    }

    /** Whether the account shares its scam callers (as keyed fingerprints) with the platform reputation. */
    public record Reputation(boolean optIn) {
    }

    /**
     * The account's telephony choices: {@code announcementAudience} protected-person (default) or everyone;
     * {@code smsSenderId}/{@code messagingService} its own alert SMS sender, null = the platform's; {@code regulatoryBundleSid}/{@code addressSid} its own Twilio regulatory bundle and address for the numbers bought for it (French numbers), null = the platform's default.
     */
    public record Telephony(String announcementAudience, String smsSenderId, String messagingService,
                            String regulatoryBundleSid, String addressSid) {
    }

    /** Marking a call a false alarm: whether it withdrew the account's report of the caller. */
    /** A member's action on a call: {@code result} is done (now) or already-done (by anyone, earlier). */
    public record CallAction(String callSid, String action, String result) {
    }

    /** The family links of a call revoked just now (0 when none was still usable). */
    public record FamilyLinksRevoked(String callSid, int revoked) {
    }

    /** What the family and members did about a call, who handles it, and what may be done now (wire names). */
    public record CallActions(String callSid, boolean live, String handledBy, List<DoneAction> done, List<String> available) {
    }

    public record DoneAction(String action, String by, java.time.Instant at) {
    }

    public record FalseAlarm(String callSid, boolean reportWithdrawn) {
    }

    public record PhraseView(String phrase, String cueKind, String category, double weight) {
    }

    /**
     * {@code clearCallRetentionDays}: how long a clear call's transcript is kept (the shorter of it and retentionDays
     * applies); {@code blockedCallers}: "reject" or "warn", what "block this number" does to that number's later calls;
     * {@code speechGate}: only speech is sent to the recogniser (true, the default) or both tracks whole (false).
     */
    public record Settings(String language, double suspiciousThreshold, double scamThreshold, boolean smsToContacts,
                           boolean announceInCall, long retentionDays, List<PhraseView> customPhrases,
                           boolean aiAnalysisEnabled, int aiDailyRequestBudget, long clearCallRetentionDays,
                           String protectedPhone, String blockedCallers, boolean speechGate) {
        static Settings of(TenantSettings s) {
            return new Settings(s.language().code(), s.thresholds().suspicious(), s.thresholds().scam(),
                    s.alerts().smsToContacts(), s.alerts().announceInCall(), s.transcriptRetention().toDays(),
                    s.customPhrases().stream().map(ApiViews::phrase).toList(), s.aiAnalysisEnabled(), s.aiDailyRequestBudget(),
                    s.clearCallRetention().toDays(),
                    s.protectedNumber().map(com.ethiq.core.domain.PhoneNumber::e164).orElse(""), s.blockedCallersWire(),
                    s.speechGate());
        }
    }

    private static PhraseView phrase(CustomPhrase p) {
        return new PhraseView(p.phrase(), p.cueKind(), p.category(), p.weight());
    }

    /** Never a value: whether it is set, its last four characters, when it changed. */
    public record CredentialStatus(boolean set, String lastFour, Instant updatedAt) {
        static CredentialStatus of(SecretStatus s) {
            return new CredentialStatus(s.set(), s.set() ? s.lastFour() : null, s.updatedAt());
        }
    }

    public record Credentials(CredentialStatus telephony, CredentialStatus speech, CredentialStatus ai) {
        static Credentials of(Map<SecretKind, SecretStatus> m) {
            SecretStatus none = new SecretStatus(false, null, null);
            return new Credentials(CredentialStatus.of(m.getOrDefault(SecretKind.TELEPHONY_AUTH_TOKEN, none)),
                    CredentialStatus.of(m.getOrDefault(SecretKind.SPEECH_SERVICE_ACCOUNT, none)),
                    CredentialStatus.of(m.getOrDefault(SecretKind.AI_API_KEY, none)));
        }
    }

    public record CallSummary(String callSid, String caller, Instant startedAt, Instant endedAt, String state,
                              String protection, boolean fraudDetected, String verdict, double score, String category) {
        static CallSummary of(CallLog l, boolean mask) {
            String caller = mask && PhoneNumber.isValid(l.caller()) ? PhoneNumber.of(l.caller()).masked() : l.caller();
            return new CallSummary(l.callSid().value(), caller, l.startedAt(), l.endedAt(), l.state().wire(),
                    l.protection().wire(), l.fraudDetected(), l.verdict(), l.score(), l.category().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The institution directory in use: its version, size, and "bundled" or the operator who published it. */
    public record InstitutionDirectory(String version, int institutions, String source, Instant publishedAt) {
        static InstitutionDirectory of(com.ethiq.core.management.backoffice.InstitutionDirectoryService.Current c) {
            return new InstitutionDirectory(c.version(), c.institutions(), c.source(), c.publishedAt());
        }
    }

    public record CallPage(List<CallSummary> items, String nextCursor) {
    }

    public record Segment(String speaker, int utterance, String text, long startMs, long endMs, double confidence) {
        static Segment of(TranscriptSegment s) {
            return new Segment(s.speaker().wire(), s.utteranceIndex(), s.text(), s.startOffset().toMillis(),
                    s.endOffset().toMillis(), s.confidence());
        }
    }

    public record Ai(boolean scam, double confidence, String category, List<String> reasons, List<Integer> evidenceTurns,
                     String warning, String model, long promptTokens, long completionTokens) {
        static Ai of(AiAnalysis a) {
            return a == null ? null : new Ai(a.scam(), a.confidence(), a.category().name().toLowerCase(java.util.Locale.ROOT),
                    a.reasons(), a.evidenceTurns(), a.warning(), a.model(), a.usage().promptTokens(), a.usage().completionTokens());
        }
    }

    public record AlertView(UUID id, String callSid, String kind, String recipient, String status, int attempts,
                            Instant createdAt, Instant sentAt, String lastError) {
        static AlertView of(Alert a, boolean mask) {
            String recipient = mask ? a.recipient().textedNumber().map(PhoneNumber::masked).orElse(a.recipient().value()) : a.recipient().value();
            return new AlertView(a.id(), a.callSid().value(), a.kind().wire(), recipient, a.status().wire(), a.attempts(),
                    a.createdAt(), a.sentAt(), a.lastError());
        }
    }

    public record AlertList(List<AlertView> items) {
    }

    /**
     * {@code cues}: the detection engine's explanation (which cues, which turns). {@code transcriptWithheld} is absent
     * when the transcript is served, else why it is not ({@code clear_call_owner_only}, {@code
     * role_cannot_read_transcripts}): then transcript is empty and cues and AI are absent. {@code callerVerification}:
     * the carrier's caller-ID verification ("passed_a", "failed", "not_verified"...), null when the provider passed none on.
     */
    public record CallDetail(CallSummary call, String cues, List<Segment> transcript, Ai aiAnalysis, List<AlertView> alerts,
                             String transcriptWithheld, String callerVerification) {
    }

    public record Usage(String month, long speechSeconds, long aiPromptTokens, long aiCompletionTokens, long aiRequests,
                        long smsSent, long announcements, long calls, long callSeconds) {
        static Usage of(UsageService.MonthlyUsage u) {
            return new Usage(u.month().toString(), u.speechSeconds(), u.aiPromptTokens(), u.aiCompletionTokens(), u.aiRequests(),
                    u.smsSent(), u.announcements(), u.calls(), u.callSeconds());
        }
    }

    public record AuditEntry(long sequence, UUID id, String actor, String action, String target, String ip, String userAgent,
                             Instant at, Map<String, String> details, String previousHash, String hash) {
        static AuditEntry of(ChainedAuditEvent e) {
            var ev = e.event();
            return new AuditEntry(e.sequence(), ev.id(), ev.actor(), ev.action(), ev.target(), ev.ip(), ev.userAgent(), ev.at(),
                    ev.details(), e.previousHash(), e.hash());
        }
    }

    public record AuditPage(List<AuditEntry> items, String nextCursor) {
    }

    public record Verification(boolean intact, long eventsChecked, long headSequence, String headHash, Long brokenAt,
                               String problem) {
        static Verification of(ChainVerification v) {
            return new Verification(v.intact(), v.eventsChecked(), v.headSequence(), v.headHash(), v.brokenAt(), v.problem());
        }
    }
}
