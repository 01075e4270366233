package com.ethiq.app.api;

import static com.ethiq.app.api.ApiRoute.Access.ACCOUNT;
import static com.ethiq.app.api.ApiRoute.Access.AUTHENTICATED;
import static com.ethiq.app.api.ApiRoute.Access.OPERATOR;
import static com.ethiq.app.api.ApiRoute.Access.PUBLIC;
import static com.ethiq.core.management.identity.Permission.*;

import com.ethiq.app.api.ApiRoute.Access;
import com.ethiq.app.api.ApiRoute.QueryParam;
import com.ethiq.app.api.ApiRoute.RateLimit;
import com.ethiq.core.management.ManagementCore;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.management.onboarding.NumberPoolOperations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Every route of the management API, in one list. Adding an endpoint means adding a line here. */
final class RouteTable {
    private RouteTable() {
    }

    static List<ApiRoute> build(String base, ManagementCore core, NumberPoolOperations pool, Clock clock, Supplier<byte[]> openApi) {
        return build(base, core, pool, clock, openApi, null);
    }

    /** With {@code family} (may be null: no call action routes), the members' actions on calls. */
    static List<ApiRoute> build(String base, ManagementCore core, NumberPoolOperations pool, Clock clock, Supplier<byte[]> openApi,
                                Supplier<java.util.Optional<com.ethiq.core.family.FamilyResponse>> family) {
        AuthController auth = new AuthController(core.auth(), clock);
        MeController me = new MeController(core.profile(), core.twoFactor(), core.members(), clock);
        AccountController accounts = new AccountController(core.accounts(), core.members());
        ContactController contacts = new ContactController(core.contacts(), core.accounts());
        SettingsController settings = new SettingsController(core.settings(), core.credentials(), core.accounts());
        CallController calls = new CallController(core.calls(), core.alerts());
        UsageController usage = new UsageController(core.usage(), clock);
        AuditController audit = new AuditController(core.audit());
        EvidenceController evidence = new EvidenceController(core.evidence());

        List<ApiRoute> r = new ArrayList<>();
        String acc = base + "/accounts/{accountId}";
        r.add(route("GET", base + "/openapi.json", PUBLIC, "meta", "This OpenAPI 3 document").returns(null)
                .handle(c -> ApiResult.raw(openApi.get(), "application/json", java.util.Map.of())));

        r.add(route("POST", base + "/auth/signup", PUBLIC, "auth", "Create a user (same answer whether or not the e-mail was free)")
                .body(ApiRequests.SignUp.class).returns(ApiViews.Accepted.class).status(202).limited().handle(auth::signUp));
        r.add(route("POST", base + "/auth/login", PUBLIC, "auth", "Check e-mail and password; tokens, or a 2FA challenge")
                .body(ApiRequests.Login.class).returns(ApiViews.Login.class).limited().handle(auth::login));
        r.add(route("POST", base + "/auth/login/second-factor", PUBLIC, "auth", "Finish a login with a TOTP or recovery code")
                .body(ApiRequests.SecondFactor.class).returns(ApiViews.Tokens.class).limited().handle(auth::secondFactor));
        r.add(route("POST", base + "/auth/refresh", PUBLIC, "auth", "Rotate a refresh token (a reused one ends the session)")
                .body(ApiRequests.Refresh.class).returns(ApiViews.Tokens.class).limited().handle(auth::refresh));
        r.add(route("POST", base + "/auth/logout", AUTHENTICATED, "auth", "End the current session").status(204).handle(auth::logout));
        r.add(route("POST", base + "/auth/step-up", AUTHENTICATED, "auth", "Re-authenticate for sensitive actions (new access token)")
                .body(ApiRequests.StepUp.class).returns(ApiViews.AccessToken.class).handle(auth::stepUp));

        r.add(route("GET", base + "/me", AUTHENTICATED, "me", "The caller, their memberships and 2FA state").returns(ApiViews.Me.class).handle(me::me));
        r.add(route("PATCH", base + "/me", AUTHENTICATED, "me", "Change the caller's display name")
                .body(ApiRequests.ProfileChange.class).returns(ApiViews.Me.class).handle(me::update));
        r.add(route("POST", base + "/me/password", AUTHENTICATED, "me", "Change password; ends every session, returns a new one")
                .body(ApiRequests.PasswordChange.class).returns(ApiViews.Tokens.class).stepUp().handle(me::changePassword));
        r.add(route("GET", base + "/me/sessions", AUTHENTICATED, "me", "The caller's open sessions").returns(ApiViews.SessionList.class).handle(me::sessions));
        r.add(route("DELETE", base + "/me/sessions/{sessionId}", AUTHENTICATED, "me", "End one of the caller's sessions").status(204).handle(me::revokeSession));
        r.add(route("POST", base + "/me/2fa/totp", AUTHENTICATED, "me", "Start TOTP enrolment: seed and otpauth URI, shown once")
                .returns(ApiViews.TotpEnrolment.class).stepUp().handle(me::beginTotp));
        r.add(route("POST", base + "/me/2fa/totp/confirm", AUTHENTICATED, "me", "Confirm enrolment with a code; recovery codes (shown once)")
                .body(ApiRequests.TotpConfirm.class).returns(ApiViews.RecoveryCodes.class).handle(me::confirmTotp));
        r.add(route("DELETE", base + "/me/2fa/totp", AUTHENTICATED, "me", "Turn 2FA off; ends every session, returns a new one")
                .returns(ApiViews.Tokens.class).stepUp().handle(me::disableTotp));
        r.add(route("POST", base + "/me/2fa/recovery-codes", AUTHENTICATED, "me", "New recovery codes; the old ones stop working")
                .returns(ApiViews.RecoveryCodes.class).stepUp().handle(me::regenerateRecoveryCodes));
        r.add(route("POST", base + "/invitations/accept", AUTHENTICATED, "me", "Join an account with an invitation token")
                .body(ApiRequests.AcceptInvitation.class).returns(ApiViews.MembershipView.class).handle(me::acceptInvitation));

        r.add(route("GET", base + "/accounts", AUTHENTICATED, "accounts", "Accounts the caller belongs to").returns(ApiViews.AccountList.class).handle(accounts::mine));
        r.add(route("POST", base + "/accounts", AUTHENTICATED, "accounts", "Create an account with a number of the region; caller becomes owner")
                .body(ApiRequests.CreateAccount.class).returns(ApiViews.Account.class).status(201).handle(accounts::create));
        r.add(route("GET", acc, ACCOUNT_READ, "accounts", "One account").returns(ApiViews.Account.class).handle(accounts::get));
        r.add(route("POST", acc + "/suspend", ACCOUNT_SUSPEND, "accounts", "Suspend protection (calls still ring through)").returns(ApiViews.Account.class).handle(accounts::suspend));
        r.add(route("POST", acc + "/resume", ACCOUNT_SUSPEND, "accounts", "Resume protection").returns(ApiViews.Account.class).handle(accounts::resume));
        r.add(route("POST", acc + "/cancel", ACCOUNT_CANCEL, "accounts", "Cancel; the number goes to quarantine").returns(ApiViews.Account.class).handle(accounts::cancel));
        r.add(route("DELETE", acc, ACCOUNT_ERASE, "accounts", "Erase the account's personal data (audit trail kept)").returns(ApiViews.Erasure.class).handle(accounts::erase));

        r.add(route("GET", acc + "/members", MEMBERS_READ, "members", "Members and roles").returns(ApiViews.MemberList.class).handle(accounts::members));
        r.add(route("PATCH", acc + "/members/{userId}", MEMBERS_CHANGE_ROLE, "members", "Change a member's role")
                .body(ApiRequests.RoleChange.class).returns(ApiViews.Member.class).handle(accounts::changeRole));
        r.add(route("DELETE", acc + "/members/{userId}", MEMBERS_REMOVE, "members", "Remove a member").status(204).handle(accounts::removeMember));
        r.add(route("GET", acc + "/invitations", MEMBERS_READ, "members", "Pending invitations").returns(ApiViews.InvitationList.class).handle(accounts::invitations));
        r.add(route("POST", acc + "/invitations", MEMBERS_INVITE, "members", "Invite someone by e-mail; the token is shown once")
                .body(ApiRequests.Invite.class).returns(ApiViews.InvitationView.class).status(201).handle(accounts::invite));
        r.add(route("DELETE", acc + "/invitations/{invitationId}", MEMBERS_INVITE, "members", "Withdraw a pending invitation").status(204).handle(accounts::revokeInvitation));

        r.add(route("GET", acc + "/contacts", CONTACTS_READ, "contacts", "Emergency contacts").returns(ApiViews.ContactList.class).handle(contacts::list));
        r.add(route("POST", acc + "/contacts", CONTACTS_WRITE, "contacts", "Add an emergency contact (E.164 phone)")
                .body(ApiRequests.Contact.class).returns(ApiViews.Contact.class).status(201).handle(contacts::add));
        r.add(route("GET", acc + "/contacts/{contactId}", CONTACTS_READ, "contacts", "One emergency contact").returns(ApiViews.Contact.class).handle(contacts::get));
        r.add(route("PUT", acc + "/contacts/{contactId}", CONTACTS_WRITE, "contacts", "Replace an emergency contact")
                .body(ApiRequests.Contact.class).returns(ApiViews.Contact.class).handle(contacts::update));
        r.add(route("DELETE", acc + "/contacts/{contactId}", CONTACTS_WRITE, "contacts", "Delete an emergency contact").status(204).handle(contacts::remove));

        core.knownCallers().map(k -> new KnownCallerController(k, core.accounts())).ifPresent(known -> {
            r.add(route("GET", acc + "/callers", CONTACTS_READ, "callers", "Trusted and blocked callers")
                    .returns(ApiViews.KnownCallerList.class).handle(known::list));
            r.add(route("POST", acc + "/callers", CONTACTS_WRITE, "callers", "List a caller as trusted, blocked_reject or blocked_warn")
                    .body(ApiRequests.KnownCaller.class).returns(ApiViews.KnownCaller.class).status(201).handle(known::add));
            r.add(route("GET", acc + "/callers/{callerId}", CONTACTS_READ, "callers", "One listed caller")
                    .returns(ApiViews.KnownCaller.class).handle(known::get));
            r.add(route("PUT", acc + "/callers/{callerId}", CONTACTS_WRITE, "callers", "Replace a listed caller")
                    .body(ApiRequests.KnownCaller.class).returns(ApiViews.KnownCaller.class).handle(known::update));
            r.add(route("DELETE", acc + "/callers/{callerId}", CONTACTS_WRITE, "callers", "Remove a listed caller")
                    .status(204).handle(known::remove));
        });

        core.telephony().map(TelephonyController::new).ifPresent(telephony -> {
            r.add(route("GET", acc + "/telephony", SETTINGS_READ, "settings", "Who hears spoken warnings; the account's alert SMS sender")
                    .returns(ApiViews.Telephony.class).handle(telephony::get));
            r.add(route("PATCH", acc + "/telephony", SETTINGS_WRITE, "settings",
                    "Change who hears warnings (protected-person, everyone) or the alert SMS sender (empty: the platform's)")
                    .body(ApiRequests.Telephony.class).returns(ApiViews.Telephony.class).handle(telephony::update));
        });

        core.reputation().map(ReputationController::new).ifPresent(reputation -> {
            r.add(route("GET", acc + "/reputation", SETTINGS_READ, "callers", "Whether the account shares its scam callers")
                    .returns(ApiViews.Reputation.class).handle(reputation::get));
            r.add(route("PUT", acc + "/reputation", SETTINGS_WRITE, "callers", "Opt in or out of the shared caller reputation")
                    .body(ApiRequests.Reputation.class).returns(ApiViews.Reputation.class).handle(reputation::put));
            r.add(route("POST", acc + "/calls/{callSid}/false-alarm", SETTINGS_WRITE, "callers",
                    "Mark a call a false alarm (withdraws the account's report of its caller)")
                    .returns(ApiViews.FalseAlarm.class).handle(reputation::falseAlarm));
        });

        r.add(route("GET", acc + "/settings", SETTINGS_READ, "settings", "Settings").returns(ApiViews.Settings.class).handle(settings::get));
        r.add(route("PATCH", acc + "/settings", SETTINGS_WRITE, "settings", "Change some settings")
                .body(ApiRequests.SettingsPatch.class).returns(ApiViews.Settings.class).handle(settings::update));
        r.add(route("GET", acc + "/credentials", CREDENTIALS_READ, "credentials", "Whether vendor credentials are set (never values)")
                .returns(ApiViews.Credentials.class).handle(settings::credentials));
        r.add(route("PUT", acc + "/credentials/telephony", CREDENTIALS_WRITE, "credentials", "Set the Twilio account SID and auth token")
                .body(ApiRequests.TelephonyCredentials.class).returns(ApiViews.Credentials.class).handle(settings::setTelephony));
        r.add(route("PUT", acc + "/credentials/speech", CREDENTIALS_WRITE, "credentials", "Set a Google service-account JSON key")
                .body(ApiRequests.SecretValue.class).returns(ApiViews.Credentials.class).handle(settings::setSpeech));
        r.add(route("PUT", acc + "/credentials/ai", CREDENTIALS_WRITE, "credentials", "Set an AI API key")
                .body(ApiRequests.SecretValue.class).returns(ApiViews.Credentials.class).handle(settings::setAi));
        r.add(route("DELETE", acc + "/credentials/{kind}", CREDENTIALS_WRITE, "credentials", "Remove a credential (kind: telephony, speech, ai)")
                .returns(ApiViews.Credentials.class).handle(settings::remove));

        r.add(route("GET", acc + "/calls", CALLS_READ, "calls", "Calls, newest first, filtered and cursor-paged")
                .query("before", "date-time", "cursor: the nextCursor of the previous page")
                .query("limit", "integer", "1-200, default 50").query("fraud", "boolean", "only calls judged scams (true) or not (false)")
                .query("since", "date-time", "only calls started at or after").query("protection", "string", "protection status")
                .returns(ApiViews.CallPage.class).handle(calls::list));
        r.add(route("GET", acc + "/calls/{callSid}", CALLS_READ, "calls",
                "One call: metadata and alerts; transcript, cues and AI analysis when the role reads transcripts "
                        + "(a clear call's: the owner only; transcriptWithheld says why not; a read is audited)")
                .returns(ApiViews.CallDetail.class).handle(calls::detail));
        r.add(route("GET", acc + "/calls/{callSid}/evidence.pdf", EVIDENCE_EXPORT, "calls",
                "Evidence pack of a call judged a scam or suspect, as PDF (audited; 404 for a clear call)").pdf().handle(evidence::pdf));
        r.add(route("GET", acc + "/calls/{callSid}/evidence.json", EVIDENCE_EXPORT, "calls",
                "Evidence pack of a call judged a scam or suspect, as JSON with the audit proof (audited; 404 for a clear call)")
                .returns(com.ethiq.core.management.backoffice.evidence.EvidencePack.class).handle(evidence::json));
        if (family != null) {
            String actions = acc + "/calls/{callSid}/actions/";
            // the name relatives see ("handled by Marie"), the audit keeps user:<id> as actor
            java.util.function.Function<com.ethiq.core.management.identity.Actor, String> memberName = a -> {
                String name = core.profile().me(a).user().displayName();
                return name == null || name.isBlank() ? a.auditName() : name;
            };
            r.add(route("GET", acc + "/calls/{callSid}/actions", CALLS_READ, "calls",
                    "What was done about a call (by relatives and members), who handles it, what may be done now")
                    .returns(ApiViews.CallActions.class).handle(c -> CallActionController.view(family, c)));
            r.add(route("POST", actions + "join", CALLS_JOIN, "calls", "Add an emergency contact's phone to the live call (announced)")
                    .body(ApiRequests.JoinCall.class).returns(ApiViews.CallAction.class)
                    .handle(new CallActionController(family, com.ethiq.core.family.FamilyAction.JOIN, memberName)::act));
            r.add(route("POST", actions + "end", CALLS_END, "calls", "End the live call (the protected person hears why first)")
                    .returns(ApiViews.CallAction.class).handle(new CallActionController(family, com.ethiq.core.family.FamilyAction.END, memberName)::act));
            r.add(route("POST", actions + "handling", CALLS_HANDLE, "calls", "\"I'm on it\": the other contacts get one SMS")
                    .returns(ApiViews.CallAction.class).handle(new CallActionController(family, com.ethiq.core.family.FamilyAction.HANDLING, memberName)::act));
            r.add(route("POST", actions + "block", CALLERS_BLOCK, "calls", "Put the call's caller on the account's block list")
                    .returns(ApiViews.CallAction.class).handle(new CallActionController(family, com.ethiq.core.family.FamilyAction.BLOCK, memberName)::act));
            r.add(route("POST", acc + "/calls/{callSid}/family-links/revoke", CALLS_REVOKE_LINKS, "calls",
                    "Revoke every family link of the call: they show the expired page from now on (audited)")
                    .returns(ApiViews.FamilyLinksRevoked.class).handle(c -> CallActionController.revokeLinks(family, c)));
        }
        r.add(route("GET", acc + "/alerts", ALERTS_READ, "calls", "Recent alerts").query("limit", "integer", "1-500, default 100")
                .returns(ApiViews.AlertList.class).handle(calls::alerts));
        r.add(route("GET", acc + "/usage", USAGE_READ, "usage", "Usage of one month").query("month", "string", "YYYY-MM, default this month (UTC)")
                .returns(ApiViews.Usage.class).handle(usage::monthly));
        r.add(route("GET", acc + "/usage/export", USAGE_EXPORT, "usage", "The month's usage events as CSV (audited)")
                .query("month", "string", "YYYY-MM, default this month (UTC)").csv().handle(usage::export));
        r.add(route("GET", acc + "/audit", AUDIT_READ, "audit", "Audit log, newest first").query("before", "integer", "cursor: sequence")
                .query("limit", "integer", "1-500, default 100").returns(ApiViews.AuditPage.class).handle(audit::list));
        r.add(route("POST", acc + "/audit/verify", AUDIT_VERIFY, "audit", "Recompute the account's audit hash chain")
                .body(ApiRequests.VerifyAudit.class).returns(ApiViews.Verification.class).handle(audit::verify));

        if (pool != null) {
            PlatformController platform = new PlatformController(pool);
            String numbers = base + "/platform/numbers";
            r.add(route("GET", numbers, OPERATOR, "platform", "The number pool, by region and state")
                    .query("region", "string", "only this pool region, e.g. FR").query("state", "string", "free, quarantined, assigned or retired")
                    .returns(ApiViews.PoolNumberList.class).handle(platform::list));
            r.add(route("GET", numbers + "/available", OPERATOR, "platform", "Search numbers Twilio offers (local, voice and SMS)")
                    .query("country", "string", "ISO country code, e.g. FR (required)").query("area", "string", "Twilio region name, e.g. Ile-de-France")
                    .query("limit", "integer", "1-50, default 20").returns(ApiViews.OfferedNumberList.class).handle(platform::search));
            r.add(route("POST", numbers + "/purchases", OPERATOR, "platform", "Buy numbers into the pool (webhooks set at purchase)")
                    .body(ApiRequests.BuyNumbers.class).returns(ApiViews.PoolChange.class).status(201).stepUp().handle(platform::buy));
            r.add(route("POST", numbers + "/imports", OPERATOR, "platform", "Add numbers the platform account already owns")
                    .body(ApiRequests.ImportNumbers.class).returns(ApiViews.PoolChange.class).status(201).stepUp().handle(platform::importOwned));
            r.add(route("POST", numbers + "/reconciliation", OPERATOR, "platform", "Compare the pool with Twilio now; repair=true reconfigures drifted numbers")
                    .query("repair", "boolean", "reconfigure assigned numbers whose webhooks drifted (step-up needed), default false")
                    .returns(ApiViews.Reconciliation.class).handle(platform::reconcile));
        }
        core.institutions().map(InstitutionController::new).ifPresent(institutions -> {
            String directory = base + "/platform/institutions";
            r.add(route("GET", directory, OPERATOR, "platform", "The institution directory the claim check uses (version, size, source)")
                    .returns(ApiViews.InstitutionDirectory.class).handle(institutions::get));
            r.add(route("PUT", directory, OPERATOR, "platform",
                    "Publish a new institution directory (validated, audited; every node uses it within 30 s)")
                    .body(ApiRequests.InstitutionDirectory.class).returns(ApiViews.InstitutionDirectory.class).stepUp()
                    .handle(institutions::put));
        });
        return List.copyOf(r);
    }

    private static RouteBuilder route(String method, String path, Access access, String tag, String summary) {
        return new RouteBuilder(method, path, access, null, tag, summary);
    }

    /** An account route: access {@code ACCOUNT} with this permission (step-up when the permission asks for it). */
    private static RouteBuilder route(String method, String path, Permission permission, String tag, String summary) {
        return new RouteBuilder(method, path, ACCOUNT, permission, tag, summary);
    }

    /** Collects one route's description fluently, then {@link #handle} makes the {@link ApiRoute}. Local to the table. */
    private static final class RouteBuilder {
        private final String method;
        private final String path;
        private final Access access;
        private final Permission permission;
        private final String tag;
        private final String summary;
        private Class<?> body;
        private Class<?> returns;
        private int status = 200;
        private boolean stepUp;
        private RateLimit limit = RateLimit.NONE;
        private final List<QueryParam> query = new ArrayList<>();

        private RouteBuilder(String method, String path, Access access, Permission permission, String tag, String summary) {
            this.method = method;
            this.path = path;
            this.access = access;
            this.permission = permission;
            this.tag = tag;
            this.summary = summary;
            this.stepUp = permission != null && permission.stepUp();
        }

        RouteBuilder body(Class<?> v) { this.body = v; return this; }
        RouteBuilder returns(Class<?> v) { this.returns = v; return this; }
        RouteBuilder status(int v) { this.status = v; return this; }
        RouteBuilder stepUp() { this.stepUp = true; return this; }
        RouteBuilder limited() { this.limit = RateLimit.AUTH; return this; }
        RouteBuilder csv() { this.returns = CsvWriter.class; return this; }
        RouteBuilder pdf() { this.returns = com.ethiq.app.evidence.EvidencePdf.class; return this; }
        RouteBuilder query(String name, String type, String description) { query.add(new QueryParam(name, type, false, description)); return this; }

        ApiRoute handle(ApiRoute.Handler h) {
            return new ApiRoute(method, path, access, permission, stepUp, tag, summary, body, returns, status, query, limit, h);
        }
    }
}
