package com.ethiq.app.api;

import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.Invitation;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.SecureTokens;
import com.ethiq.core.management.identity.SessionTokens;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import java.time.Duration;
import java.util.UUID;

/**
 * One fresh account with one of everything (members, contact, invitation, call with transcript, secret, usage), so
 * that every route has a real target, and the fixed callers around it: its owner, admin and viewer, a stranger who
 * owns another account, and a platform operator.
 */
final class MatrixFixture {
    /** Who calls. */
    enum Caller { ANONYMOUS, STRANGER, VIEWER, ADMIN, OWNER, OPERATOR }

    /** The fixed callers, logged in once for the whole suite. */
    static final class Callers {
        final User owner;
        final User admin;
        final User viewer;
        final User stranger;
        final User operator;
        final SessionTokens ownerTokens;
        final SessionTokens adminTokens;
        final SessionTokens viewerTokens;
        final SessionTokens strangerTokens;
        final SessionTokens operatorTokens;
        final TenantId strangersAccount;

        Callers(ApiHarness h) {
            owner = h.newUser(false);
            admin = h.newUser(false);
            viewer = h.newUser(false);
            stranger = h.newUser(false);
            operator = h.newUser(true);
            ownerTokens = h.login(owner);
            adminTokens = h.login(admin);
            viewerTokens = h.login(viewer);
            strangerTokens = h.login(stranger);
            operatorTokens = h.login(operator);
            strangersAccount = h.newTenant();
            h.addMember(strangersAccount, stranger, Role.OWNER);
        }

        String token(Caller c) {
            return switch (c) {
                case ANONYMOUS -> null;
                case STRANGER -> strangerTokens.access().value();
                case VIEWER -> viewerTokens.access().value();
                case ADMIN -> adminTokens.access().value();
                case OWNER -> ownerTokens.access().value();
                case OPERATOR -> operatorTokens.access().value();
            };
        }
    }

    final ApiHarness h;
    final Callers callers;
    final TenantId account;
    final User extraMember;
    final EmergencyContact contact;
    final com.ethiq.core.domain.KnownCaller knownCaller;
    final Invitation invitation;
    final CallSid callSid;

    MatrixFixture(ApiHarness h, Callers callers) {
        this.h = h;
        this.callers = callers;
        account = h.newTenant();
        h.addMember(account, callers.owner, Role.OWNER);
        h.addMember(account, callers.admin, Role.ADMIN);
        h.addMember(account, callers.viewer, Role.VIEWER);
        extraMember = h.newUser(false);
        h.addMember(account, extraMember, Role.VIEWER);
        int n = ApiHarness.nextSeq();
        contact = new EmergencyContact(UUID.randomUUID(), account, "Paul", PhoneNumber.of("+3361" + String.format("%07d", n)),
                "fils", h.clock.instant());
        h.contacts.add(contact);
        knownCaller = new com.ethiq.core.domain.KnownCaller(UUID.randomUUID(), account, PhoneNumber.of("+3368" + String.format("%07d", n)),
                "Plombier", com.ethiq.core.domain.CallerListing.TRUSTED, h.clock.instant());
        h.knownCallers.add(knownCaller);
        invitation = new Invitation(UUID.randomUUID(), account, com.ethiq.core.management.identity.EmailAddress.of("inv" + n + "@example.org"),
                Role.VIEWER, SecureTokens.sha256Hex(SecureTokens.newToken()), callers.owner.id(), h.clock.instant(),
                h.clock.instant().plus(Duration.ofDays(7)), null);
        h.invitations.create(invitation);
        callSid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        h.callLogs.open(CallLog.started(account, callSid, "+33612345678", h.clock.instant().minusSeconds(60), CallProtection.PROTECTED));
        h.callLogs.appendSegment(account, callSid, TranscriptSegment.finalText(Speaker.CALLER, 0, "Bonjour, ici votre conseiller bancaire"));
        h.secrets.storeSecret(account, SecretKind.AI_API_KEY, Secret.of("sk-test-abcd1234"));
        h.usage.record(new UsageEvent(UUID.randomUUID(), account, callSid, UsageKind.SMS_SENT, 1, h.clock.instant(), "=cmd|' /C calc'!A0"));
    }

    /** The fixture's call, now judged a scam (an evidence pack exists only for such calls). */
    CallSid scamCall() {
        h.callLogs.recordVerdict(account, callSid, new com.ethiq.core.detection.Verdict.Scam(0.9,
                com.ethiq.core.detection.ScamCategory.FAKE_BANK_ADVISER, java.util.List.of(),
                "score 0.90: identity claim 'conseiller bancaire' (turn 0, caller, fr.test)"));
        return callSid;
    }

    /** A signed-in user of the same kind as {@code c} but fresh, for routes that end or change its own session. */
    Fresh freshSelf(Caller c) {
        User u = h.newUser(c == Caller.OPERATOR);
        switch (c) {
            case VIEWER -> h.addMember(account, u, Role.VIEWER);
            case ADMIN -> h.addMember(account, u, Role.ADMIN);
            case OWNER -> h.addMember(account, u, Role.OWNER);
            default -> { }
        }
        return new Fresh(u, h.login(u));
    }

    record Fresh(User user, SessionTokens tokens) {
        String access() {
            return tokens.access().value();
        }
    }

    Actor actor(SessionTokens t) {
        return h.core.auth().authenticate(h.tokens.verifyAccess(t.access().value()).orElseThrow(), ApiHarness.ORIGIN);
    }

    /** Turns 2FA on for the fresh user; returns the seed and a session with the second factor. */
    record TwoFactor(Secret seed, SessionTokens tokens) {
    }

    TwoFactor enable2fa(Fresh f) {
        var e = h.core.twoFactor().begin(actor(f.tokens()));
        Secret seed = Secret.of(e.secret());
        String code = h.totp.codeFor(seed, h.clock.instant().getEpochSecond() / 30);
        var c = h.core.twoFactor().confirm(actor(f.tokens()), code);
        return new TwoFactor(seed, c.tokens());
    }

    static boolean ok(Response r) {
        return r.status() >= 200 && r.status() < 300;
    }
}
