package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.phone;
import static com.ethiq.core.contract.ContractFixtures.sip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertPreferences;
import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.RingSettings;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.Tenants;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Tenants} must do. Unique ids per test, so it can run against a shared database. */
public abstract class TenantsContract {

    protected abstract Tenants create();

    protected Tenants tenants;

    @BeforeEach
    void setUpTenants() {
        tenants = create();
    }

    private static TenantSettings customSettings() {
        return new TenantSettings(Language.ENGLISH, new DetectionThresholds(0.3, 0.8), new AlertPreferences(false, true),
                Duration.ofDays(30),
                List.of(new CustomPhrase("conseiller Dupont", "impersonation", "fake_bank_adviser", 0.6),
                        new CustomPhrase("code de votre carte", "credential_request", "fake_bank_adviser", 0.9)),
                false, 5, new RingSettings(Duration.ofSeconds(25), "sip:repondeur@home.example.com"))
                .withSpeechGate(false);
    }

    @Test
    void aCreatedTenantIsFoundByIdAndByItsNumberWithEverySetting() {
        Tenant t = new Tenant(TenantId.random(), "Marie Martin", AccountStatus.ACTIVE, phone(), sip(), customSettings(), T0);
        tenants.create(t);

        assertThat(tenants.findById(t.id())).contains(t);
        assertThat(tenants.findByCalledNumber(t.twilioNumber())).contains(t);
    }

    @Test
    void theLookupByNumberFindsATenantWhateverItsStatus() {
        Tenant suspended = ContractFixtures.tenant(TenantId.random()).withStatus(AccountStatus.SUSPENDED);
        Tenant cancelled = ContractFixtures.tenant(TenantId.random()).withStatus(AccountStatus.CANCELLED);
        tenants.create(suspended);
        tenants.create(cancelled);

        assertThat(tenants.findByCalledNumber(suspended.twilioNumber())).contains(suspended);
        assertThat(tenants.findByCalledNumber(cancelled.twilioNumber())).contains(cancelled);
    }

    @Test
    void unknownNumbersAndIdsAreAbsent() {
        assertThat(tenants.findByCalledNumber(phone())).isEmpty();
        assertThat(tenants.findById(TenantId.random())).isEmpty();
    }

    @Test
    void aTenantWaitingForANumberIsFoundByIdOnly() {
        Tenant t = ContractFixtures.tenantWithoutNumber(TenantId.random());
        tenants.create(t);

        assertThat(tenants.findById(t.id())).contains(t);
        assertThat(tenants.findById(t.id()).orElseThrow().number()).isEmpty();
    }

    @Test
    void aTakenNumberIsAConflictThatRevealsNothingOfTheOtherTenant() {
        Tenant first = ContractFixtures.tenant(TenantId.random());
        tenants.create(first);
        Tenant second = new Tenant(TenantId.random(), "Paul Durand", AccountStatus.ACTIVE, first.twilioNumber(), sip(),
                TenantSettings.defaults(), T0);

        assertThatThrownBy(() -> tenants.create(second))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(first.twilioNumber().e164())
                        .doesNotContain(first.id().toString())
                        .doesNotContain(first.displayName()));
        assertThat(tenants.findById(second.id())).isEmpty();
        assertThat(tenants.findByCalledNumber(first.twilioNumber())).contains(first);
    }

    @Test
    void aTakenSipAddressIsAConflict() {
        Tenant first = ContractFixtures.tenant(TenantId.random());
        tenants.create(first);
        Tenant second = new Tenant(TenantId.random(), "Paul Durand", AccountStatus.ACTIVE, phone(), first.sipAddress(),
                TenantSettings.defaults(), T0);

        assertThatThrownBy(() -> tenants.create(second)).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(first.sipAddress().uri()));
        assertThat(tenants.findById(second.id())).isEmpty();
    }

    @Test
    void creatingTheSameIdTwiceIsAConflict() {
        Tenant t = ContractFixtures.tenant(TenantId.random());
        tenants.create(t);
        Tenant again = new Tenant(t.id(), "Other", AccountStatus.ACTIVE, phone(), sip(), TenantSettings.defaults(), T0);

        assertThatThrownBy(() -> tenants.create(again)).isInstanceOf(ConflictException.class);
        assertThat(tenants.findById(t.id())).contains(t);
    }

    @Test
    void statusUpdatesApplyToThatTenantOnly() {
        Tenant t = ContractFixtures.tenant(TenantId.random());
        Tenant other = ContractFixtures.tenant(TenantId.random());
        tenants.create(t);
        tenants.create(other);

        assertThat(tenants.updateStatus(t.id(), AccountStatus.SUSPENDED)).isTrue();

        assertThat(tenants.findById(t.id()).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(tenants.findByCalledNumber(t.twilioNumber()).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(tenants.findById(other.id())).contains(other);
        assertThat(tenants.updateStatus(TenantId.random(), AccountStatus.ACTIVE)).isFalse();
    }

    @Test
    void settingsUpdatesReplaceEverySettingIncludingThePhraseList() {
        Tenant t = ContractFixtures.tenant(TenantId.random());
        Tenant other = ContractFixtures.tenant(TenantId.random());
        tenants.create(t);
        tenants.create(other);

        assertThat(tenants.updateSettings(t.id(), customSettings())).isTrue();
        assertThat(tenants.findById(t.id()).orElseThrow().settings()).isEqualTo(customSettings());

        TenantSettings fewer = customSettings().withCustomPhrases(List.of(new CustomPhrase("mot de passe", "credential_request",
                "other", 0.5)));
        assertThat(tenants.updateSettings(t.id(), fewer)).isTrue();
        assertThat(tenants.findByCalledNumber(t.twilioNumber()).orElseThrow().settings()).isEqualTo(fewer);

        assertThat(tenants.updateSettings(t.id(), TenantSettings.defaults())).isTrue();
        assertThat(tenants.findById(t.id()).orElseThrow().settings()).isEqualTo(TenantSettings.defaults());
        assertThat(tenants.findById(other.id())).contains(other);
        assertThat(tenants.updateSettings(TenantId.random(), customSettings())).isFalse();
    }

    @Test
    void theSpeechGateIsOnByDefaultAndAnAccountCanTurnItOffAndOnAgain() {
        Tenant t = new Tenant(TenantId.random(), "Marie Martin", AccountStatus.ACTIVE, phone(), sip(), TenantSettings.defaults(), T0);
        tenants.create(t);
        assertThat(tenants.findById(t.id()).orElseThrow().settings().speechGate()).isTrue();
        assertThat(tenants.updateSettings(t.id(), TenantSettings.defaults().withSpeechGate(false))).isTrue();
        assertThat(tenants.findByCalledNumber(t.twilioNumber()).orElseThrow().settings().speechGate()).isFalse();
        assertThat(tenants.updateSettings(t.id(), TenantSettings.defaults())).isTrue();
        assertThat(tenants.findById(t.id()).orElseThrow().settings().speechGate()).isTrue();
    }
}
