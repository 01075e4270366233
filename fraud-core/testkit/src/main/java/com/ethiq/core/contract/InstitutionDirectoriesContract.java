package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.port.InstitutionDirectories;
import com.ethiq.core.port.InstitutionDirectories.Published;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InstitutionDirectories} must do. Unique versions per test, so it can run against a shared database. */
public abstract class InstitutionDirectoriesContract {
    protected abstract InstitutionDirectories create();

    protected InstitutionDirectories store;

    @BeforeEach
    void setUpStore() {
        store = create();
    }

    private static String version() {
        return "v-" + UUID.randomUUID();
    }

    @Test
    void theNewestPublishedVersionIsCurrentAsItWasGiven() {
        Published first = new Published(version(), "@version a\n", T0, "operator:1");
        Published second = new Published(version(), "@version b\n[x]\nname = X\n", T0.plusSeconds(60), "operator:2");

        assertThat(store.publish(first)).isTrue();
        assertThat(store.publish(second)).isTrue();

        assertThat(store.current()).contains(second);
    }

    @Test
    void aVersionIsPublishedOnceAndTheFirstTextStays() {
        String v = version();
        Published original = new Published(v, "@version " + v + "\n", T0, "operator:1");
        assertThat(store.publish(original)).isTrue();

        assertThat(store.publish(new Published(v, "@version " + v + "\n# changed\n", T0.plusSeconds(1), "operator:2"))).isFalse();

        assertThat(store.current()).contains(original);
    }
}
