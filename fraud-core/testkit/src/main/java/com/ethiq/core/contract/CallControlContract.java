package com.ethiq.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.CallControl.DeliveryReceipt;
import com.ethiq.core.port.TenantSecrets;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallControl} must do, whatever the vendor behind it. An implementation's test extends this class
 * and returns a {@link Fixture} that builds the implementation and observes what actually reached the vendor (the
 * fake's recording, or the requests a local fake API received).
 */
public abstract class CallControlContract {

    /** Builds a fresh implementation for one test. */
    protected abstract Fixture create();

    /** One implementation under test plus a view of what it delivered, per telephony account. */
    public interface Fixture extends AutoCloseable {
        CallControl callControl();

        /** A new tenant with its own telephony account (credentials stored where the implementation reads them). */
        TestTenant newTenant();

        /** A tenant that has no telephony credentials at all. */
        TenantId newTenantWithoutCredentials();

        /** A caller has joined {@code conference} on the tenant's account: it is in progress. */
        void startConference(TestTenant tenant, ConferenceName conference);

        /** A call leg is live on the tenant's account. */
        void startCall(TestTenant tenant, CallSid callSid);

        /** A recipient the vendor refuses for good (invalid or unreachable number). */
        PhoneNumber invalidRecipient();

        /** Scripts the next SMS the vendor receives to fail as described. */
        void failNextSms(ScriptedFailure failure);

        List<ObservedSms> sms();

        List<ObservedAnnouncement> announcements();

        List<ObservedParticipant> participants();

        /** Calls ended through the port (a call ended twice may appear once or twice). */
        List<ObservedHangUp> hangUps();

        /** Releases what the fixture started (servers, threads). */
        @Override
        default void close() {
        }
    }

    /** A tenant, the telephony account its operations must use, and its own phone number. */
    public record TestTenant(TenantId id, String account, PhoneNumber number) {
    }

    /** Failures every vendor can produce. */
    public enum ScriptedFailure {
        /** The vendor answers with an error before doing anything (overload, 5xx before processing). */
        NOT_PROCESSED,
        /** The vendor processes the request, then the answer is lost (5xx after processing). */
        PROCESSED_THEN_LOST
    }

    /** An SMS as the vendor received it. Implementations may append a reference to the body, never change it. */
    public record ObservedSms(String account, PhoneNumber from, PhoneNumber to, String body) {
    }

    public record ObservedAnnouncement(String account, ConferenceName conference, String message, Language language) {
    }

    public record ObservedParticipant(String account, ConferenceName conference, SipAddress sipAddress, PhoneNumber callerId) {
    }

    public record ObservedHangUp(String account, CallSid callSid) {
    }

    /** A map-backed {@link TenantSecrets} that fixtures can share with the implementation under test. Thread-safe. */
    public static final class TestTenantSecrets implements TenantSecrets {
        private final Map<TenantId, TelephonyCredentials> telephony = new ConcurrentHashMap<>();
        private final Map<TenantId, Map<SecretKind, Secret>> others = new ConcurrentHashMap<>();

        @Override
        public Optional<TelephonyCredentials> telephony(TenantId tenant) {
            return Optional.ofNullable(telephony.get(tenant));
        }

        @Override
        public Optional<Secret> speechServiceAccount(TenantId tenant) {
            return Optional.ofNullable(others.getOrDefault(tenant, Map.of()).get(SecretKind.SPEECH_SERVICE_ACCOUNT));
        }

        @Override
        public Optional<Secret> aiApiKey(TenantId tenant) {
            return Optional.ofNullable(others.getOrDefault(tenant, Map.of()).get(SecretKind.AI_API_KEY));
        }

        @Override
        public void storeTelephony(TenantId tenant, TelephonyCredentials credentials) {
            telephony.put(tenant, credentials);
        }

        @Override
        public void storeSecret(TenantId tenant, SecretKind kind, Secret secret) {
            others.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(kind, secret);
        }

        @Override
        public void remove(TenantId tenant, SecretKind kind) {
            if (kind == SecretKind.TELEPHONY_AUTH_TOKEN) {
                telephony.remove(tenant);
            } else {
                others.getOrDefault(tenant, new ConcurrentHashMap<>()).remove(kind);
            }
        }

        @Override
        public Map<SecretKind, SecretStatus> status(TenantId tenant) {
            Map<SecretKind, SecretStatus> out = new EnumMap<>(SecretKind.class);
            for (SecretKind kind : SecretKind.values()) {
                Secret s = kind == SecretKind.TELEPHONY_AUTH_TOKEN
                        ? Optional.ofNullable(telephony.get(tenant)).map(TelephonyCredentials::authToken).orElse(null)
                        : others.getOrDefault(tenant, Map.of()).get(kind);
                out.put(kind, new SecretStatus(s != null, s == null ? null : s.lastFour(), s == null ? null : Instant.EPOCH));
            }
            return out;
        }

        /** Random, well-formed credentials for a test account. */
        public static TelephonyCredentials randomCredentials() {
            byte[] sid = new byte[16];
            byte[] token = new byte[16];
            ThreadLocalRandom.current().nextBytes(sid);
            ThreadLocalRandom.current().nextBytes(token);
            return new TelephonyCredentials("AC" + HexFormat.of().formatHex(sid), Secret.of(HexFormat.of().formatHex(token)));
        }
    }

    /** A random, valid and unique-enough French mobile number (never one of a vendor's magic test numbers). */
    public static PhoneNumber randomMobile() {
        return PhoneNumber.of("+336" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
    }

    protected Fixture fixture;
    protected CallControl callControl;

    @BeforeEach
    void createFixture() {
        fixture = create();
        callControl = fixture.callControl();
    }

    @AfterEach
    void closeFixture() {
        fixture.close();
    }

    // ---------------------------------------------------------------- SMS

    @Test
    void smsIsSentOnceWithTheRightFromToAndBodyThroughTheTenantsAccount() {
        TestTenant tenant = fixture.newTenant();
        PhoneNumber to = randomMobile();

        DeliveryReceipt receipt = callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte Ethiq : appel suspect en cours.", key());

        assertThat(receipt.providerReference()).isNotBlank();
        assertThat(receipt.status()).isNotBlank();
        List<ObservedSms> sent = smsTo(to);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).account()).isEqualTo(tenant.account());
        assertThat(sent.get(0).from()).isEqualTo(tenant.number());
        assertThat(sent.get(0).body()).startsWith("Alerte Ethiq : appel suspect en cours.");
    }

    @Test
    void theSameIdempotencyKeyTwiceDeliversOneSms() {
        TestTenant tenant = fixture.newTenant();
        PhoneNumber to = randomMobile();
        String key = key();

        DeliveryReceipt first = callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte : appel suspect.", key);
        DeliveryReceipt second = callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte : appel suspect.", key);

        assertThat(smsTo(to)).hasSize(1);
        assertThat(second.providerReference()).isEqualTo(first.providerReference());
    }

    @Test
    void differentKeysToTheSameRecipientAreDifferentMessages() {
        TestTenant tenant = fixture.newTenant();
        PhoneNumber to = randomMobile();

        callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte 1", key());
        callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte 2", key());

        assertThat(smsTo(to)).extracting(ObservedSms::body).hasSize(2)
                .anySatisfy(b -> assertThat(b).startsWith("Alerte 1"))
                .anySatisfy(b -> assertThat(b).startsWith("Alerte 2"));
    }

    @Test
    void aFailureBeforeProcessingIsTransientAndARetryDeliversExactlyOnce() {
        TestTenant tenant = fixture.newTenant();
        PhoneNumber to = randomMobile();
        String key = key();
        fixture.failNextSms(ScriptedFailure.NOT_PROCESSED);

        CallControlException first = catchThrowableOfType(CallControlException.class,
                () -> callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte : appel suspect.", key));
        if (first != null) {
            assertThat(first.permanent()).as("a vendor hiccup is not permanent").isFalse();
        }
        callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte : appel suspect.", key); // the durable job's retry

        assertThat(smsTo(to)).hasSize(1);
    }

    @Test
    void anOutcomeLostAfterProcessingNeverLeadsToASecondSms() {
        TestTenant tenant = fixture.newTenant();
        PhoneNumber to = randomMobile();
        String key = key();
        fixture.failNextSms(ScriptedFailure.PROCESSED_THEN_LOST);

        CallControlException first = catchThrowableOfType(CallControlException.class,
                () -> callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte : appel suspect.", key));
        if (first != null) {
            assertThat(first.permanent()).isFalse();
        }
        callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte : appel suspect.", key); // the durable job's retry

        assertThat(smsTo(to)).hasSize(1);
    }

    @Test
    void anInvalidRecipientIsAPermanentFailureAndNothingIsSent() {
        TestTenant tenant = fixture.newTenant();
        PhoneNumber invalid = fixture.invalidRecipient();

        assertThatThrownBy(() -> callControl.sendSms(tenant.id(), tenant.number(), invalid, "Alerte", key()))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.vendor()).isEqualTo("telephony");
                });
        assertThat(smsTo(invalid)).isEmpty();
    }

    @Test
    void aTenantWithoutTelephonyCredentialsFailsPermanently() {
        TenantId orphan = fixture.newTenantWithoutCredentials();

        assertThatThrownBy(() -> callControl.sendSms(orphan, randomMobile(), randomMobile(), "Alerte", key()))
                .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isTrue());
        assertThat(fixture.sms()).isEmpty();
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingIsSent() {
        TestTenant tenant = fixture.newTenant();
        PhoneNumber to = randomMobile();

        assertThatThrownBy(() -> callControl.sendSms(null, tenant.number(), to, "Alerte", key())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> callControl.sendSms(tenant.id(), tenant.number(), to, " ", key()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body");
        assertThatThrownBy(() -> callControl.sendSms(tenant.id(), tenant.number(), to, "Alerte", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotencyKey");
        assertThatThrownBy(() -> callControl.announce(tenant.id(), conference(tenant), "", Language.FRENCH, key()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message");
        assertThat(fixture.sms()).isEmpty();
        assertThat(fixture.announcements()).isEmpty();
    }

    // ---------------------------------------------------------------- live call

    @Test
    void anAnnouncementReachesTheNamedConferenceInItsLanguage() {
        TestTenant tenant = fixture.newTenant();
        ConferenceName conference = conference(tenant);
        fixture.startConference(tenant, conference);

        DeliveryReceipt receipt = callControl.announce(tenant.id(), conference,
                "Attention : ne communiquez aucun code bancaire.", Language.FRENCH, key());

        assertThat(receipt.providerReference()).isNotBlank();
        assertThat(fixture.announcements()).containsExactly(new ObservedAnnouncement(tenant.account(), conference,
                "Attention : ne communiquez aucun code bancaire.", Language.FRENCH));
    }

    @Test
    void englishAnnouncementsKeepTheirLanguage() {
        TestTenant tenant = fixture.newTenant();
        ConferenceName conference = conference(tenant);
        fixture.startConference(tenant, conference);

        callControl.announce(tenant.id(), conference, "Warning: never share a bank code.", Language.ENGLISH, key());

        assertThat(fixture.announcements()).extracting(ObservedAnnouncement::language).containsExactly(Language.ENGLISH);
    }

    @Test
    void theProtectedPersonsSipAddressJoinsWithTheTenantNumberAsCallerId() {
        TestTenant tenant = fixture.newTenant();
        ConferenceName conference = conference(tenant);
        fixture.startConference(tenant, conference);
        SipAddress sip = SipAddress.of("sip:alice@home-" + tenant.id().value().toString().substring(0, 8) + ".sip.example.com");

        CallControl.ParticipantReceipt receipt = callControl.addSipParticipant(tenant.id(), conference, sip, tenant.number(),
                callSid(), Duration.ofSeconds(30));

        assertThat(receipt.leg()).as("the new leg's call sid, to cancel it if the caller leaves").isNotNull();
        assertThat(fixture.participants()).containsExactly(new ObservedParticipant(tenant.account(), conference, sip, tenant.number()));
    }

    @Test
    void hangingUpTwiceIsNotAnError() {
        TestTenant tenant = fixture.newTenant();
        CallSid call = callSid();
        fixture.startCall(tenant, call);

        callControl.hangUp(tenant.id(), call);
        assertThatCode(() -> callControl.hangUp(tenant.id(), call)).doesNotThrowAnyException();

        assertThat(fixture.hangUps()).contains(new ObservedHangUp(tenant.account(), call));
    }

    @Test
    void hangingUpACallThatIsAlreadyGoneIsNotAnError() {
        TestTenant tenant = fixture.newTenant();

        assertThatCode(() -> callControl.hangUp(tenant.id(), callSid())).doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- tenancy

    @Test
    void aTenantsOperationsNeverUseAnotherTenantsAccount() {
        List<TestTenant> tenants = List.of(fixture.newTenant(), fixture.newTenant(), fixture.newTenant());
        List<ConferenceName> conferences = new ArrayList<>();
        for (TestTenant t : tenants) {
            ConferenceName c = conference(t);
            fixture.startConference(t, c);
            conferences.add(c);
        }

        for (int i = 0; i < 30; i++) {
            TestTenant t = tenants.get(i % 3);
            callControl.sendSms(t.id(), t.number(), randomMobile(), "Alerte " + i, key());
        }
        for (int i = 0; i < 3; i++) {
            TestTenant t = tenants.get(i);
            callControl.announce(t.id(), conferences.get(i), "Attention " + i, Language.FRENCH, key());
            callControl.addSipParticipant(t.id(), conferences.get(i), SipAddress.of("sip:p" + i + "@home.sip.example.com"), t.number(),
                    callSid(), Duration.ofSeconds(30));
        }

        for (int i = 0; i < 3; i++) {
            TestTenant t = tenants.get(i);
            ConferenceName c = conferences.get(i);
            assertThat(fixture.sms()).filteredOn(s -> s.from().equals(t.number())).hasSize(10)
                    .allSatisfy(s -> assertThat(s.account()).isEqualTo(t.account()));
            assertThat(fixture.announcements()).filteredOn(a -> a.conference().equals(c)).hasSize(1)
                    .allSatisfy(a -> assertThat(a.account()).isEqualTo(t.account()));
            assertThat(fixture.participants()).filteredOn(p -> p.conference().equals(c)).hasSize(1)
                    .allSatisfy(p -> assertThat(p.account()).isEqualTo(t.account()));
        }
    }

    // ---------------------------------------------------------------- helpers

    protected List<ObservedSms> smsTo(PhoneNumber to) {
        return fixture.sms().stream().filter(s -> s.to().equals(to)).toList();
    }

    protected static String key() {
        return "alert-" + UUID.randomUUID();
    }

    protected static ConferenceName conference(TestTenant tenant) {
        return ConferenceName.forCall(tenant.id(), callSid());
    }

    protected static CallSid callSid() {
        return CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
    }
}
