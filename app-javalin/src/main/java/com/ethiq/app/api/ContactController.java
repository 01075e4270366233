package com.ethiq.app.api;

import com.ethiq.core.management.backoffice.ContactService;

/** Emergency contacts of an account. */
final class ContactController {
    private final ContactService contacts;

    ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    ApiResult list(ApiCall call) {
        return ApiResult.ok(new ApiViews.ContactList(contacts.list(call.actor(), call.account()).stream()
                .map(ApiViews.Contact::of).toList()));
    }

    ApiResult get(ApiCall call) {
        var tenant = call.account();
        return ApiResult.ok(ApiViews.Contact.of(contacts.get(call.actor(), tenant, call.uuid("contactId", "contact"))));
    }

    ApiResult add(ApiCall call) {
        var tenant = call.account();
        return ApiResult.created(ApiViews.Contact.of(contacts.add(call.actor(), tenant, input(call))));
    }

    ApiResult update(ApiCall call) {
        var tenant = call.account();
        var id = call.uuid("contactId", "contact");
        return ApiResult.ok(ApiViews.Contact.of(contacts.update(call.actor(), tenant, id, input(call))));
    }

    ApiResult remove(ApiCall call) {
        var tenant = call.account();
        contacts.remove(call.actor(), tenant, call.uuid("contactId", "contact"));
        return ApiResult.noContent();
    }

    private static ContactService.ContactInput input(ApiCall call) {
        ApiRequests.Contact b = call.body(ApiRequests.Contact.class);
        return new ContactService.ContactInput(b.name(), b.phone(), b.relationship(), b.mayJoin());
    }
}
