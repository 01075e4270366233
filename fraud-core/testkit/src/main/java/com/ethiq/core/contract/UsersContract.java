package com.ethiq.core.contract;

import static com.ethiq.core.contract.IdentityFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.management.identity.Users;
import com.ethiq.core.port.ConflictException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract of {@link Users}; the fake and the database adapter both pass it. */
public abstract class UsersContract {
    protected abstract Users create();

    private Users users;

    @BeforeEach
    void setUp() {
        users = create();
    }

    @Test
    void storesAndFindsByIdAndNormalisedEmail() {
        UserId id = userId();
        EmailAddress email = email();
        users.create(user(id, email));
        assertThat(users.findById(id)).get().extracting(User::email).isEqualTo(email);
        assertThat(users.findByEmail(EmailAddress.of(email.value().toUpperCase()))).get().extracting(User::id).isEqualTo(id);
        assertThat(users.findById(userId())).isEmpty();
        assertThat(users.findByEmail(email())).isEmpty();
    }

    @Test
    void emailIsUnique() {
        EmailAddress email = email();
        users.create(user(userId(), email));
        assertThatThrownBy(() -> users.create(user(userId(), email))).isInstanceOf(ConflictException.class);
    }

    @Test
    void roundTripsEveryField() {
        UserId id = userId();
        User u = user(id, email());
        users.create(u);
        assertThat(users.findById(id)).contains(u);
    }

    @Test
    void updatesPasswordAndOptionallyTokenCutoff() {
        UserId id = userId();
        users.create(user(id, email()));
        assertThat(users.updatePassword(id, "$argon2id$new", null)).isTrue();
        User u = users.findById(id).orElseThrow();
        assertThat(u.passwordHash()).isEqualTo("$argon2id$new");
        assertThat(u.tokensValidAfter()).isEqualTo(user(id, email()).tokensValidAfter());
        assertThat(users.updatePassword(id, "$argon2id$newer", T0.plusSeconds(60))).isTrue();
        assertThat(users.findById(id).orElseThrow().tokensValidAfter()).isEqualTo(T0.plusSeconds(60));
        assertThat(users.updatePassword(userId(), "$x", null)).isFalse();
    }

    @Test
    void updatesNameCutoffAndDisabled() {
        UserId id = userId();
        users.create(user(id, email()));
        assertThat(users.updateDisplayName(id, "Marie")).isTrue();
        assertThat(users.updateTokensValidAfter(id, T0.plusSeconds(5))).isTrue();
        assertThat(users.updateDisabled(id, true)).isTrue();
        User u = users.findById(id).orElseThrow();
        assertThat(u.displayName()).isEqualTo("Marie");
        assertThat(u.tokensValidAfter()).isEqualTo(T0.plusSeconds(5));
        assertThat(u.disabled()).isTrue();
        assertThat(users.updateDisabled(userId(), true)).isFalse();
    }

    @Test
    void findAllReturnsOnlyExisting() {
        UserId a = userId();
        UserId b = userId();
        users.create(user(a, email()));
        users.create(user(b, email()));
        assertThat(users.findAll(List.of(a, b, userId())).stream().map(User::id)).containsExactlyInAnyOrder(a, b);
        assertThat(users.findAll(List.of())).isEmpty();
    }
}
