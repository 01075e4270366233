package com.ethiq.core.management.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.PhoneNumber;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolReassignmentTest {

    @Test
    void frenchNumbersAreNeverReassignedByDefaultOthersAre() {
        assertThat(PoolReassignment.DEFAULT.reassigns(PhoneNumber.of("+33612345678"))).isFalse();
        assertThat(PoolReassignment.DEFAULT.reassigns(PhoneNumber.of("+262692123456"))).isFalse(); // La Réunion
        assertThat(PoolReassignment.DEFAULT.reassigns(PhoneNumber.of("+32470123456"))).isTrue();
        assertThat(PoolReassignment.DEFAULT.reassigns(PhoneNumber.of("+14155550100"))).isTrue();
        assertThat(PoolReassignment.DEFAULT.reassigns(PhoneNumber.of("+81312345678"))).isTrue(); // unknown code
    }

    @Test
    void theCountryIsReadFromTheLongestCallingCode() {
        assertThat(PoolReassignment.countryOf(PhoneNumber.of("+352621123456"))).contains("LU");
        assertThat(PoolReassignment.countryOf(PhoneNumber.of("+353871234567"))).contains("IE");
        assertThat(PoolReassignment.countryOf(PhoneNumber.of("+33123456789"))).contains("FR");
        assertThat(PoolReassignment.countryOf(PhoneNumber.of("+81312345678"))).isEmpty();
    }

    @Test
    void theSettingListsCountriesOrNone() {
        assertThat(PoolReassignment.parse("fr, be").neverReassigned()).isEqualTo(Set.of("FR", "BE"));
        assertThat(PoolReassignment.parse("none")).isEqualTo(PoolReassignment.ALWAYS);
        assertThat(PoolReassignment.parse("").reassigns(PhoneNumber.of("+33612345678"))).isTrue();
        assertThatThrownBy(() -> PoolReassignment.parse("FR,XX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'XX'");
    }
}
