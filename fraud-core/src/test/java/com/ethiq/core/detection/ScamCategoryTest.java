package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Category wire names: what packs, tenants and the AI analysis send. */
class ScamCategoryTest {

    @Test
    void wireNamesRoundTripAndUnknownOrEmptyNamesAreMapped() {
        for (ScamCategory c : ScamCategory.values()) {
            assertThat(ScamCategory.fromWire(c.wire())).isEqualTo(c);
        }
        assertThat(ScamCategory.FAKE_BANK_ADVISER.wire()).isEqualTo("fake_bank_adviser");
        assertThat(ScamCategory.fromWire("  Fake_Police ")).isEqualTo(ScamCategory.FAKE_POLICE);
        assertThat(ScamCategory.fromWire("pig_butchering")).isEqualTo(ScamCategory.OTHER);
        assertThat(ScamCategory.fromWire(null)).isEqualTo(ScamCategory.NONE);
        assertThat(ScamCategory.fromWire("   ")).isEqualTo(ScamCategory.NONE);
        assertThat(ScamCategory.fromWire("")).isEqualTo(ScamCategory.NONE);
    }
}
