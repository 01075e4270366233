-- Issue 22, item 9: each account's own Twilio regulatory bundle and address, sent when a number is bought for it
-- (Twilio ties a French number to its end user's bundle and address); absent = the platform's default.
alter table ethiq.account_telephony
    add column regulatory_bundle_sid text,
    add column address_sid           text,
    add constraint account_telephony_bundle_check check (regulatory_bundle_sid is null or regulatory_bundle_sid ~ '^BU[0-9a-fA-F]{32}$'),
    add constraint account_telephony_address_check check (address_sid is null or address_sid ~ '^AD[0-9a-fA-F]{32}$');

grant update (regulatory_bundle_sid, address_sid) on ethiq.account_telephony to ${app_role};
