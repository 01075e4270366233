package com.ethiq.adapter.supabase.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.IdentityFixtures;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.AuditChainVerifier;
import com.ethiq.core.management.identity.AuthMethod;
import com.ethiq.core.management.backoffice.ChainVerification;
import com.ethiq.core.management.identity.Invitation;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.RefreshToken;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row-level security of the identity tables (V50), probed with raw SQL as the app and platform roles, and the
 * audit chain verified in Java after a tamper that bypassed the append-only triggers.
 */
class IdentityIsolationTest {
    private static final TestDatabase.Database DB = IdentityDb.DB;
    private static UserId alice;
    private static UserId bob;
    private static TenantId a;
    private static TenantId b;

    @BeforeAll
    static void seed() {
        alice = IdentityDb.newUser();
        bob = IdentityDb.newUser();
        a = DB.newTenant();
        b = DB.newTenant();
        IdentityStore id = IdentityDb.IDENTITY;
        id.memberships().add(new Membership(a, alice, Role.OWNER, Instant.now()));
        id.memberships().add(new Membership(b, bob, Role.OWNER, Instant.now()));
        for (UserId u : List.of(alice, bob)) {
            id.refreshTokens().store(new RefreshToken(UUID.randomUUID(), UUID.randomUUID(), u, IdentityFixtures.hex64("r"),
                    Instant.now(), Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(2)), null, null,
                    Instant.now(), EnumSet.of(AuthMethod.PWD), new RequestOrigin("198.51.100.7", "x"), Instant.now()));
            id.twoFactorSecrets().savePending(u, Secret.of("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), Instant.now());
            id.twoFactorSecrets().confirm(u, 1, Instant.now());
            id.twoFactorSecrets().replaceRecoveryCodes(u, List.of(IdentityFixtures.hex64("c")), Instant.now());
        }
        id.invitations().create(new Invitation(UUID.randomUUID(), b, IdentityFixtures.email(), Role.VIEWER, IdentityFixtures.hex64("i"),
                bob, Instant.now(), Instant.now().plus(Duration.ofDays(1)), null));
    }

    private static int count(DataSource ds, String setting, String value, String sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (setting != null) {
                    try (PreparedStatement ps = c.prepareStatement("select set_config(?, ?, true)")) {
                        ps.setString(1, setting);
                        // the value the store would set: a token signed with the database's context key (V51)
                        ps.setString(2, setting.equals("app.current_account_id")
                                ? TestDatabase.CONTEXT_KEYS.tenantToken(java.util.UUID.fromString(value))
                                : TestDatabase.CONTEXT_KEYS.userToken(java.util.UUID.fromString(value)));
                        ps.execute();
                    }
                }
                try (Statement s = c.createStatement()) {
                    if (s.execute(sql)) {
                        int n = 0;
                        try (ResultSet rs = s.getResultSet()) {
                            while (rs.next()) {
                                n++;
                            }
                        }
                        return n;
                    }
                    return s.getUpdateCount();
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static String user(UserId u) {
        return u.value().toString();
    }

    @Test
    void aUserSeesOnlyTheirOwnTokensSeedsAndCodes() throws SQLException {
        DataSource app = DB.appDataSource();
        for (String table : List.of("refresh_tokens", "totp_secrets", "recovery_codes")) {
            assertThat(count(app, "app.current_user_id", user(alice), "select * from ethiq." + table)).as(table).isEqualTo(1);
            assertThat(count(app, "app.current_user_id", user(alice), "select * from ethiq." + table + " where user_id = '" + bob.value() + "'"))
                    .as(table).isZero();
            String delete = "delete from ethiq." + table + " where user_id = '" + bob.value() + "'";
            if (table.equals("refresh_tokens")) {
                // tokens are revoked, never deleted, by the app: no DELETE grant at all
                assertThatThrownBy(() -> count(app, "app.current_user_id", user(alice), delete)).hasMessageContaining("permission denied");
            } else {
                assertThat(count(app, "app.current_user_id", user(alice), delete)).as(table).isZero();
            }
            assertThat(count(app, null, null, "select * from ethiq." + table)).as(table + " without a user").isZero();
            assertThat(count(app, "app.current_account_id", a.value().toString(), "select * from ethiq." + table))
                    .as(table + " with only a tenant").isZero();
        }
        assertThat(count(app, "app.current_user_id", user(alice), "update ethiq.refresh_tokens set revoked_at = now() where user_id = '"
                + bob.value() + "'")).isZero();
    }

    @Test
    void aUserCannotPlantRowsForAnotherUser() {
        assertThatThrownBy(() -> count(DB.appDataSource(), "app.current_user_id", user(alice),
                "insert into ethiq.recovery_codes (user_id, code_hash, created_at) values ('" + bob.value() + "', '"
                        + "a".repeat(64) + "', now())")).isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
    }

    @Test
    void theAppRoleNeverReadsUsersOrThrottlingCounters() {
        for (String sql : List.of("select * from ethiq.users", "select * from ethiq.login_attempts",
                "update ethiq.users set is_operator = true")) {
            assertThatThrownBy(() -> count(DB.appDataSource(), "app.current_user_id", user(alice), sql))
                    .as(sql).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void membershipsAndInvitationsAreTenantScoped() throws SQLException {
        DataSource app = DB.appDataSource();
        String tenantA = a.value().toString();
        assertThat(count(app, "app.current_account_id", tenantA, "select * from ethiq.memberships")).isEqualTo(1);
        assertThat(count(app, "app.current_account_id", tenantA, "select * from ethiq.memberships where account_id = '" + b.value() + "'")).isZero();
        assertThat(count(app, "app.current_account_id", tenantA, "select * from ethiq.invitations where account_id = '" + b.value() + "'")).isZero();
        // memberships are written only through ethiq.write_membership with a signed grant (V51)
        assertThatThrownBy(() -> count(app, "app.current_account_id", tenantA, "update ethiq.memberships set role = 'viewer' where account_id = '"
                + b.value() + "'")).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThat(count(app, "app.current_user_id", user(bob), "select * from ethiq.memberships")).as("a user setting opens no tenant").isZero();
        assertThatThrownBy(() -> count(app, "app.current_account_id", tenantA,
                "insert into ethiq.memberships (account_id, user_id, role, created_at) values ('" + b.value() + "', '" + alice.value()
                        + "', 'owner', now())")).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }

    @Test
    void thePlatformRoleHasOnlyItsNarrowRights() {
        DataSource platform = DB.platformDataSource();
        for (String sql : List.of(
                "insert into ethiq.users (id, email, password_hash, is_operator) values (gen_random_uuid(), 'op@example.org', 'x', true)",
                "update ethiq.users set is_operator = true",
                "select auth_time from ethiq.refresh_tokens",
                "update ethiq.refresh_tokens set used_at = now()",
                "select * from ethiq.totp_secrets",
                "select * from ethiq.recovery_codes",
                "update ethiq.invitations set role = 'owner'",
                "delete from ethiq.memberships")) {
            assertThatThrownBy(() -> count(platform, null, null, sql)).as(sql).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void seedsAreSealedAtRest() throws SQLException {
        try (Connection c = DB.superuserDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select seed_sealed from ethiq.totp_secrets where user_id = '" + alice.value() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("v1.").doesNotContain("JBSWY3DP");
        }
        // moved to another user's row, the sealed seed no longer opens
        try (Connection c = DB.superuserDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("update ethiq.totp_secrets set seed_sealed = (select seed_sealed from ethiq.totp_secrets where user_id = '"
                    + alice.value() + "') where user_id = '" + bob.value() + "'");
        }
        assertThatThrownBy(() -> IdentityDb.IDENTITY.twoFactorSecrets().find(bob)).hasMessageNotContaining("JBSWY3DP");
    }

    @Test
    void aTamperedAuditRowIsRefusedThenCaughtByTheVerifierWhenForced() throws SQLException {
        TenantId t = DB.newTenant();
        for (int i = 0; i < 6; i++) {
            IdentityDb.STORE.auditTrail().append(new AuditEvent(UUID.randomUUID(), t, "user:" + alice, "settings.updated", "t" + i,
                    "198.51.100.1", "JUnit", Instant.now(), Map.of("n", Integer.toString(i))));
        }
        AuditChainVerifier verifier = new AuditChainVerifier(IdentityDb.IDENTITY.auditChain());
        ChainVerification before = verifier.verify(t, Optional.empty());
        assertThat(before.intact()).isTrue();
        // The app role (and even the owner) cannot update the chain: the trigger refuses.
        assertThatThrownBy(() -> count(DB.appDataSource(), "app.current_account_id", t.value().toString(),
                "update ethiq.audit_log set actor = 'user:mallory' where account_id = '" + t.value() + "' and seq = 3"))
                .isInstanceOf(SQLException.class);
        // A superuser who disables triggers can; the Java verifier still catches it.
        try (Connection c = DB.superuserDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            s.execute("update ethiq.audit_log set actor = 'user:mallory' where account_id = '" + t.value() + "' and seq = 3");
            s.execute("set session_replication_role = origin");
        }
        ChainVerification after = verifier.verify(t, Optional.empty());
        assertThat(after.intact()).isFalse();
        assertThat(after.brokenAt()).isEqualTo(3);
        // A full rewrite with recomputed hashes is caught by the anchored head.
        try (Connection c = DB.superuserDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            // recompute links 3..n one by one (a forger's work)
            for (long seq = 3; seq <= before.headSequence(); seq++) {
                s.execute(("update ethiq.audit_log a set prev_hash = p.hash, hash = ethiq.audit_hash(p.hash, ethiq.audit_canonical("
                        + "a.account_id, a.seq, a.id, a.actor, a.action, a.target, a.occurred_at, a.details)) "
                        + "from ethiq.audit_log p where a.account_id = '%1$s' and p.account_id = a.account_id and a.seq = %2$d and p.seq = %3$d")
                        .formatted(t.value(), seq, seq - 1));
            }
            s.execute("set session_replication_role = origin");
        }
        assertThat(verifier.verify(t, Optional.empty()).intact()).as("a consistent forgery").isTrue();
        assertThat(verifier.verify(t, Optional.of(new AuditChainVerifier.Anchor(before.headSequence(), before.headHash()))).intact())
                .isFalse();
    }
}
