package com.ethiq.app.api;

import static com.ethiq.app.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.api.ApiHarness.Response;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phone fields accept numbers as people type them; 400s carry per-field entries with stable codes. */
class FieldValidationApiTest {
    private static ApiHarness h;
    private static TenantId tenant;
    private static String owner;

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT.withAuthRequestsPerMinutePerIp(10_000), new InsecureFastPasswordHasher());
        tenant = h.newTenant();
        owner = h.newOwnerToken(tenant);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String acc(String rest) {
        return "/api/accounts/" + tenant.value() + rest;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/contacts|06 12 34 56 71|+33612345671",
            "/contacts|+33 6 12 34 56 72|+33612345672",
            "/contacts|0033 6 12 34 56 73|+33612345673",
            "/callers|01 42 68 53 01|+33142685301",
            "/callers|+33 1 42 68 53 02|+33142685302",
            "/callers|0033142685303|+33142685303"})
    void phoneFieldsStoreE164WhateverTheWayItIsTyped(String path, String typed, String e164) {
        String body = path.equals("/contacts") ? json("name", "Marie", "phone", typed, "relationship", "fille")
                : json("phone", typed, "name", "Cabinet", "listing", "trusted");
        Response r = h.call("POST", acc(path), owner, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("phone").asText()).isEqualTo(e164);
        // and the update of the same entry reads national numbers too
        String last = e164.substring(e164.length() - 1);
        Response put = h.call("PUT", acc(path + "/" + r.json().get("id").asText()), owner, body.replace(typed, "07 98 76 54 3" + last));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("phone").asText()).isEqualTo("+3379876543" + last);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/contacts|06 12", "/contacts|Marie", "/callers|0612", "/callers|+99 123"})
    void anInvalidNumberNamesTheFieldWithACode(String path, String typed) {
        String body = path.equals("/contacts") ? json("name", "Marie", "phone", typed)
                : json("phone", typed, "listing", "blocked_reject");
        Response r = h.call("POST", acc(path), owner, body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("n'est pas un numéro de téléphone valide", "not a valid phone number");
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("phone");
        assertThat(r.json().at("/errors/0/code").asText()).isEqualTo("phone_invalid");
        assertThat(r.json().at("/errors/0/message").asText()).isEqualTo(r.json().get("detail").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"suspiciousThreshold\":0.35,\"scamThreshold\":0.2}|suspiciousThreshold|threshold_order",
            "{\"scamThreshold\":1.5}|scamThreshold|out_of_range",
            "{\"retentionDays\":0}|retentionDays|out_of_range",
            "{\"language\":\"de\"}|language|not_allowed",
            "{\"blockedCallers\":\"hang-up\"}|blockedCallers|not_allowed",
            "{\"aiDailyRequestBudget\":-1}|aiDailyRequestBudget|out_of_range",
            "{\"customPhrases\":[{\"phrase\":\"\",\"cueKind\":\"request\",\"category\":\"other\",\"weight\":0.5}]}|customPhrases|length",
            "{\"retentionDays\":\"30\"}|retentionDays|wrong_type",
            "{\"colour\":\"red\"}|colour|unknown_field"})
    void settingsProblemsCarryFieldAndCode(String body, String field, String code) {
        Response r = h.call("PATCH", acc("/settings"), owner, body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors")).hasSize(1);
        assertThat(r.json().at("/errors/0/field").asText()).as(r.body()).isEqualTo(field);
        assertThat(r.json().at("/errors/0/code").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).isNotBlank();
    }

    @Test
    void aMissingContactFieldIsRequiredAndAnEmptyChangeHasNoField() {
        Response r = h.call("POST", acc("/contacts"), owner, json("phone", "06 12 34 56 78"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("name");
        assertThat(r.json().at("/errors/0/code").asText()).isEqualTo("required");
        Response empty = h.call("PATCH", acc("/settings"), owner, "{}");
        assertThat(empty.json().at("/errors/0/code").asText()).isEqualTo("empty_change");
        assertThat(empty.json().at("/errors/0").has("field")).isFalse();
        // other problems keep their shape: no errors entry on a 404
        assertThat(h.call("GET", acc("/contacts/" + java.util.UUID.randomUUID()), owner, null).json().has("errors")).isFalse();
    }
}
