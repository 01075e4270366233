package com.ethiq.app.api;

import com.ethiq.core.management.backoffice.AccountService;
import com.ethiq.core.management.backoffice.ContactService;

/** Emergency contacts of an account. */
final class ContactController {
    private final ContactService contacts;
    private final AccountService accounts;

    ContactController(ContactService contacts, AccountService accounts) {
        this.contacts = contacts;
        this.accounts = accounts;
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
        return ApiResult.created(ApiViews.Contact.of(contacts.add(call.actor(), tenant, input(call, accounts))));
    }

    ApiResult update(ApiCall call) {
        var tenant = call.account();
        var id = call.uuid("contactId", "contact");
        return ApiResult.ok(ApiViews.Contact.of(contacts.update(call.actor(), tenant, id, input(call, accounts))));
    }

    ApiResult remove(ApiCall call) {
        var tenant = call.account();
        contacts.remove(call.actor(), tenant, call.uuid("contactId", "contact"));
        return ApiResult.noContent();
    }

    private static ContactService.ContactInput input(ApiCall call, AccountService accounts) {
        ApiRequests.Contact b = call.body(ApiRequests.Contact.class);
        String country = PhoneNumbers.countryOf(accounts.get(call.actor(), call.account()).tenant().number());
        return new ContactService.ContactInput(b.name(), PhoneNumbers.toE164("phone", b.phone(), country), b.relationship(), b.mayJoin());
    }
}
