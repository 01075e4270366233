package com.ethiq.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's inner rule: fraud-core depends on the JDK and slf4j-api only, never on a framework or vendor SDK.
 * The JDK's own cryptography ({@code javax.crypto}, e.g. HMAC for caller fingerprints) counts as the JDK.
 */
class DependencyRuleTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.ethiq.core");

    @Test
    void coreDependsOnTheJdkAndSlf4jOnly() {
        classes().that().resideInAPackage("com.ethiq.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.slf4j..", "com.ethiq.core..")
                .because("fraud-core is pure Java: adapters bring the vendors, hosts bring the frameworks")
                .check(CORE);
    }

    @Test
    void coreDoesNotUseJdkDesktopOrHttpServerApis() {
        noClasses().that().resideInAPackage("com.ethiq.core..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "com.sun..", "java.net.http..")
                .check(CORE);
    }

    @Test
    void theDomainKnowsNothingOfUseCasesOrFakes() {
        noClasses().that().resideInAPackage("com.ethiq.core.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("com.ethiq.core.usecase..", "com.ethiq.core.fake..")
                .check(CORE);
        noClasses().that().resideInAPackage("com.ethiq.core.port..")
                .should().dependOnClassesThat().resideInAnyPackage("com.ethiq.core.usecase..", "com.ethiq.core.fake..")
                .check(CORE);
        noClasses().that().resideInAPackage("com.ethiq.core.usecase..")
                .should().dependOnClassesThat().resideInAnyPackage("com.ethiq.core.fake..")
                .check(CORE);
    }

    @Test
    void audioSignalProcessingIsALeaf() {
        // the speech gate works on bytes and numbers: no domain, port or use case in it, so any host can reuse it
        noClasses().that().resideInAPackage("com.ethiq.core.audio..")
                .should().dependOnClassesThat().resideInAnyPackage("com.ethiq.core.usecase..", "com.ethiq.core.port..",
                        "com.ethiq.core.domain..", "com.ethiq.core.detection..", "com.ethiq.core.management..")
                .check(CORE);
    }

    @Test
    void theCallPathNeverDependsOnTheManagementContext() {
        noClasses().that().resideInAnyPackage("com.ethiq.core", "com.ethiq.core.usecase..", "com.ethiq.core.detection..", "com.ethiq.core.caller..",
                        "com.ethiq.core.domain..", "com.ethiq.core.port..", "com.ethiq.core.privacy..", "com.ethiq.core.audio..",
                        "com.ethiq.core.text..")
                .should().dependOnClassesThat().resideInAPackage("com.ethiq.core.management..")
                .because("protecting a call must work whatever happens to accounts, logins and the back office")
                .check(CORE);
    }

    @Test
    void theManagementContextIsLayered() {
        // identity (who you are, what you may do) < back office (accounts, members, contacts, queries)
        // < onboarding (numbers) < ManagementCore (assembly): no arrow points back up.
        noClasses().that().resideInAPackage("com.ethiq.core.management.identity..")
                .should().dependOnClassesThat().resideInAnyPackage("com.ethiq.core.management",
                        "com.ethiq.core.management.backoffice..", "com.ethiq.core.management.onboarding..")
                .check(CORE);
        noClasses().that().resideInAPackage("com.ethiq.core.management.backoffice..")
                .should().dependOnClassesThat().resideInAnyPackage("com.ethiq.core.management",
                        "com.ethiq.core.management.onboarding..")
                .check(CORE);
        noClasses().that().resideInAPackage("com.ethiq.core.management.onboarding..")
                .should().dependOnClassesThat().resideInAPackage("com.ethiq.core.management")
                .check(CORE);
    }
}
