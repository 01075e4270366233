package com.ethiq.app.api;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.family.CallView;
import com.ethiq.core.family.FamilyAction;
import com.ethiq.core.family.FamilyOutcome;
import com.ethiq.core.family.FamilyResponse;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.VendorException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The family actions for logged-in members ({@code POST …/calls/{callSid}/actions/{join|end|handling|block}}): the same
 * use case and once-per-call rule as the relatives' links, the member as actor. A second press answers 200 with
 * {@code already-done}; an action that makes no sense now (call over) is a 409; Twilio failing is a 502.
 */
final class CallActionController {
    private final Supplier<Optional<FamilyResponse>> family;
    private final FamilyAction action;
    private final Function<Actor, String> nameOf;

    /** {@code nameOf}: the member's name as relatives and other members see it ("handled by …"). */
    CallActionController(Supplier<Optional<FamilyResponse>> family, FamilyAction action, Function<Actor, String> nameOf) {
        this.family = family;
        this.action = action;
        this.nameOf = nameOf;
    }

    ApiResult act(ApiCall call) {
        FamilyResponse response = available(family);
        CallSid sid = call.callSid();
        UUID joining = null;
        if (action instanceof FamilyAction.Join) {
            ApiRequests.JoinCall body = call.optionalBody(ApiRequests.JoinCall.class).orElse(new ApiRequests.JoinCall(null));
            if (body.contactId() == null) {
                throw new IllegalArgumentException("'contactId' is required: the emergency contact whose phone joins the call");
            }
            joining = parse(body.contactId());
        }
        String ip = call.origin().ip();
        FamilyOutcome outcome = response.actAsMember(call.account(), sid, action, call.actor().user().toString(),
                nameOf.apply(call.actor()), joining, ip);
        if (outcome instanceof FamilyOutcome.Done) {
            return ApiResult.ok(new ApiViews.CallAction(sid.value(), action.wire(), "done"));
        }
        if (outcome instanceof FamilyOutcome.AlreadyDone) {
            return ApiResult.ok(new ApiViews.CallAction(sid.value(), action.wire(), "already-done"));
        }
        if (outcome instanceof FamilyOutcome.NotNow n) {
            if (n.reason().equals("contact-required")) {
                throw new NotFoundException("contact");
            }
            throw new ConflictException("'" + action.wire() + "' is not possible now: " + n.reason());
        }
        if (outcome instanceof FamilyOutcome.Failed) {
            throw new VendorException("telephony", "'" + action.wire() + "' failed at the telephony provider; try again",
                    false, null, null);
        }
        throw new NotFoundException("call");
    }

    /** {@code GET …/calls/{callSid}/actions}: what was done, who handles the call, what may be done now. */
    static ApiResult view(Supplier<Optional<FamilyResponse>> family, ApiCall call) {
        FamilyResponse response = available(family);
        CallSid sid = call.callSid();
        CallView v = response.viewForMember(call.account(), sid).orElseThrow(() -> new NotFoundException("call"));
        return ApiResult.ok(new ApiViews.CallActions(sid.value(), v.live(), v.handledBy(),
                v.done().stream().map(d -> new ApiViews.DoneAction(d.action(), d.by(), d.at())).toList(),
                v.available().stream().sorted().toList()));
    }

    /** {@code POST …/calls/{callSid}/family-links/revoke}: every link of the call shows the expired page from now on (audited). */
    static ApiResult revokeLinks(Supplier<Optional<FamilyResponse>> family, ApiCall call) {
        FamilyResponse response = available(family);
        CallSid sid = call.callSid();
        response.viewForMember(call.account(), sid).orElseThrow(() -> new NotFoundException("call"));
        int revoked = response.revokeLinks(call.account(), sid, "user:" + call.actor().user());
        return ApiResult.ok(new ApiViews.FamilyLinksRevoked(sid.value(), revoked));
    }

    /** The node's family response; 503 on a node without a family link store. */
    private static FamilyResponse available(Supplier<Optional<FamilyResponse>> family) {
        return family.get().orElseThrow(() -> new ApiException(503, "unavailable",
                "call actions are not available on this node (no family link store)"));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'contactId' must be a UUID");
        }
    }
}
