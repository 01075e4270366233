package com.ethiq.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The call path (Twilio webhooks, the media socket) must keep protecting calls whatever the management side does:
 * it never reaches into accounts, logins, the management API or the dashboard.
 */
class CallPathBoundaryTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.ethiq.app");

    @Test
    void theCallPathNeverDependsOnTheManagementContext() {
        assertThat(APP.stream().filter(c -> c.getPackageName().startsWith("com.ethiq.app.calls"))).isNotEmpty();
        noClasses().that().resideInAPackage("com.ethiq.app.calls..")
                .should().dependOnClassesThat().resideInAnyPackage("com.ethiq.core.management..", "com.ethiq.app.api..",
                        "com.ethiq.app.web..", "com.ethiq.app.onboarding..")
                .because("a call is protected whatever happens to accounts, logins and the back office")
                .check(APP);
    }
}
