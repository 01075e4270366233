package com.ethiq.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryMemberships;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsers;
import com.ethiq.core.fake.InsecureFastPasswordHasher;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Two nodes seeding the demo on one store (issue 14): the second must not print a password that does not work. */
class DemoSeederTest {
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
    private final InMemoryTenantSecrets secrets = new InMemoryTenantSecrets();
    private final InMemoryUsers users = new InMemoryUsers();
    private final InMemoryMemberships memberships = new InMemoryMemberships();
    private final InsecureFastPasswordHasher hasher = new InsecureFastPasswordHasher();

    private DemoTenant seedOnANode(String password) {
        DemoSeeder seeder = new DemoSeeder(tenants, contacts, secrets, Clock.systemUTC());
        return seeder.seedLogin(seeder.seed(), users, memberships, hasher, password);
    }

    @Test
    void theNodeThatCreatesTheLoginAndOneWithTheSamePasswordPrintIt() {
        String password = LocalSecrets.newDemoPassword();
        DemoTenant first = seedOnANode(password);
        DemoTenant again = seedOnANode(password); // a restart with the same data folder
        assertThat(first.loginPassword()).isEqualTo(password);
        assertThat(again.loginPassword()).isEqualTo(password);
        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void aSecondNodeWithAnotherDataFoldersPasswordPrintsNone() {
        String firstPassword = LocalSecrets.newDemoPassword();
        DemoTenant first = seedOnANode(firstPassword);
        DemoTenant second = seedOnANode(LocalSecrets.newDemoPassword());
        assertThat(second.loginEmail()).isEqualTo(first.loginEmail()).isEqualTo(DemoSeeder.DEMO_EMAIL);
        assertThat(second.loginPassword()).as("the second node's own password does not open the login").isEmpty();
        // the first node's password still works, and the login still owns the demo account once
        assertThat(hasher.verify(firstPassword, users.findByEmail(com.ethiq.core.management.identity.EmailAddress.of(DemoSeeder.DEMO_EMAIL))
                .orElseThrow().passwordHash())).isTrue();
        assertThat(memberships.find(first.id(), users.findByEmail(com.ethiq.core.management.identity.EmailAddress.of(DemoSeeder.DEMO_EMAIL))
                .orElseThrow().id())).isPresent();
    }
}
