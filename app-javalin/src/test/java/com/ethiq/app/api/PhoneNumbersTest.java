package com.ethiq.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.PhoneNumber;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "06 12 34 56 78|FR|+33612345678",
            "0612345678|FR|+33612345678",
            "06.12.34.56.78|FR|+33612345678",
            "+33 6 12 34 56 78|FR|+33612345678",
            "+33 (0)6 12 34 56 78|FR|+33612345678",
            "0033 6 12 34 56 78|FR|+33612345678",
            "01 42 68 53 00|FR|+33142685300",
            "+44 20 7946 0958|FR|+442079460958",
            "020 7946 0958|GB|+442079460958",
            "+33612345678|GB|+33612345678"})
    void nationalAndInternationalBecomeE164(String typed, String country, String e164) {
        assertThat(PhoneNumbers.toE164("phone", typed, country)).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"06 12 34", "12345", "bonjour", "+33 6 12 34 56 78 90 12", "", "   ", "0612345678901234567890123456789012345678901"})
    void notANumberIsA400WithFieldCodeAndBothLanguages(String typed) {
        assertThatThrownBy(() -> PhoneNumbers.toE164("phone", typed, "FR")).isInstanceOfSatisfying(FieldProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.errors()).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("phone");
                assertThat(e.code()).isEqualTo("phone_invalid");
            });
            assertThat(p.getMessage()).contains("n'est pas un numéro de téléphone valide", "is not a valid phone number");
        });
    }

    @Test
    void nullStaysNullForTheUseCaseToCallRequired() {
        assertThat(PhoneNumbers.toE164("phone", null, "FR")).isNull();
    }

    @Test
    void theAccountsCountryIsItsNumbersCountry() {
        assertThat(PhoneNumbers.countryOf(Optional.of(PhoneNumber.of("+33970000001")))).isEqualTo("FR");
        assertThat(PhoneNumbers.countryOf(Optional.of(PhoneNumber.of("+14155550100")))).isEqualTo("US");
        assertThat(PhoneNumbers.countryOf(Optional.empty())).isEqualTo("FR");
    }
}
