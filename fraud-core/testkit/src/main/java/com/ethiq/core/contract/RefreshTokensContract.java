package com.ethiq.core.contract;

import static com.ethiq.core.contract.IdentityFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.management.identity.AuthMethod;
import com.ethiq.core.management.identity.RefreshToken;
import com.ethiq.core.management.identity.RefreshTokens;
import com.ethiq.core.management.identity.RefreshTokens.Consumed;
import com.ethiq.core.management.identity.RefreshTokens.Invalid;
import com.ethiq.core.management.identity.RefreshTokens.Replayed;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract of {@link RefreshTokens}: single use under concurrency, replay detection, revocation, live sessions. */
public abstract class RefreshTokensContract {
    protected abstract RefreshTokens create();

    /** A user the tokens may point at (stores with foreign keys create it). */
    protected UserId newUser() {
        return IdentityFixtures.userId();
    }

    private RefreshTokens tokens;

    @BeforeEach
    void setUp() {
        tokens = create();
    }

    private static RefreshToken token(UserId user, UUID family, Instant issued) {
        return new RefreshToken(UUID.randomUUID(), family, user, IdentityFixtures.hex64("t"), issued,
                issued.plus(Duration.ofDays(14)), T0.plus(Duration.ofDays(30)), null, null, T0,
                EnumSet.of(AuthMethod.PWD, AuthMethod.OTP), new RequestOrigin("203.0.113.7", "JUnit"), T0);
    }

    @Test
    void consumesOnceThenReportsReplay() {
        UserId u = newUser();
        RefreshToken t = token(u, UUID.randomUUID(), T0);
        tokens.store(t);
        RefreshTokens.Consumption first = tokens.consume(t.tokenHash(), T0.plusSeconds(10));
        assertThat(first).isInstanceOf(Consumed.class);
        RefreshToken used = ((Consumed) first).token();
        assertThat(used.id()).isEqualTo(t.id());
        assertThat(used.usedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(used.methods()).containsExactlyInAnyOrder(AuthMethod.PWD, AuthMethod.OTP);
        assertThat(used.origin()).isEqualTo(t.origin());
        assertThat(used.familyExpiresAt()).isEqualTo(t.familyExpiresAt());
        assertThat(tokens.consume(t.tokenHash(), T0.plusSeconds(11))).isInstanceOf(Replayed.class)
                .extracting(c -> ((Replayed) c).token().familyId()).isEqualTo(t.familyId());
    }

    @Test
    void unknownExpiredAndRevokedAreInvalid() {
        UserId u = newUser();
        assertThat(tokens.consume(IdentityFixtures.hex64("x"), T0)).isInstanceOf(Invalid.class);
        RefreshToken expired = token(u, UUID.randomUUID(), T0);
        tokens.store(expired);
        assertThat(tokens.consume(expired.tokenHash(), expired.expiresAt())).isInstanceOf(Invalid.class);
        RefreshToken revoked = token(u, UUID.randomUUID(), T0);
        tokens.store(revoked);
        assertThat(tokens.revokeFamily(u, revoked.familyId(), T0.plusSeconds(1))).isEqualTo(1);
        assertThat(tokens.consume(revoked.tokenHash(), T0.plusSeconds(2))).isInstanceOf(Invalid.class);
    }

    @Test
    void concurrentUsesOfOneTokenHaveExactlyOneWinner() throws Exception {
        UserId u = newUser();
        RefreshToken t = token(u, UUID.randomUUID(), T0);
        tokens.store(t);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RefreshTokens.Consumption>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return tokens.consume(t.tokenHash(), T0.plusSeconds(1));
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<RefreshTokens.Consumption> f : results) {
            winners += f.get(10, TimeUnit.SECONDS) instanceof Consumed ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void familyRevocationEndsTheSessionAndOnlyIt() {
        UserId u = newUser();
        UUID f1 = UUID.randomUUID();
        UUID f2 = UUID.randomUUID();
        RefreshToken a = token(u, f1, T0);
        RefreshToken b = token(u, f2, T0.plusSeconds(1));
        tokens.store(a);
        tokens.store(b);
        assertThat(tokens.familyActive(u, f1, T0.plusSeconds(2))).isTrue();
        assertThat(tokens.familyActive(newUser(), f1, T0.plusSeconds(2))).as("another user's family").isFalse();
        assertThat(tokens.revokeFamily(newUser(), f1, T0.plusSeconds(2))).as("another user's family").isZero();
        assertThat(tokens.live(u, T0.plusSeconds(2))).extracting(RefreshToken::familyId).containsExactly(f2, f1);
        tokens.revokeFamily(u, f1, T0.plusSeconds(3));
        assertThat(tokens.familyActive(u, f1, T0.plusSeconds(4))).isFalse();
        assertThat(tokens.familyActive(u, f2, T0.plusSeconds(4))).isTrue();
        assertThat(tokens.live(u, T0.plusSeconds(4))).extracting(RefreshToken::familyId).containsExactly(f2);
    }

    @Test
    void revokeAllEndsEverySessionOfTheUserOnly() {
        UserId u = newUser();
        UserId other = newUser();
        tokens.store(token(u, UUID.randomUUID(), T0));
        tokens.store(token(u, UUID.randomUUID(), T0));
        RefreshToken keep = token(other, UUID.randomUUID(), T0);
        tokens.store(keep);
        assertThat(tokens.revokeAll(u, T0.plusSeconds(1))).isEqualTo(2);
        assertThat(tokens.live(u, T0.plusSeconds(2))).isEmpty();
        assertThat(tokens.live(other, T0.plusSeconds(2))).hasSize(1);
    }

    @Test
    void aRotatedFamilyStaysActiveThroughItsSuccessor() {
        UserId u = newUser();
        UUID f = UUID.randomUUID();
        RefreshToken first = token(u, f, T0);
        tokens.store(first);
        tokens.consume(first.tokenHash(), T0.plusSeconds(5));
        assertThat(tokens.familyActive(u, f, T0.plusSeconds(6))).isFalse();
        tokens.store(token(u, f, T0.plusSeconds(5)));
        assertThat(tokens.familyActive(u, f, T0.plusSeconds(6))).isTrue();
        assertThat(tokens.live(u, T0.plusSeconds(6))).hasSize(1);
    }
}
