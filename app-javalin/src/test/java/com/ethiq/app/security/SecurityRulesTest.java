package com.ethiq.app.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Rules a reviewer would otherwise have to remember, checked on the compiled main classes. */
class SecurityRulesTest {
    static {
        // Resolving every referenced library class from the classpath is slow and adds nothing to these rules.
        com.tngtech.archunit.ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes", "com", "ethiq", "app"));

    private static final ArchRule NO_UNVERIFIED_DECODE = noClasses().should()
            .callMethod(com.auth0.jwt.JWT.class, "decode", String.class)
            .because("an unverified decode must never gate access (CVE-2021-37580 class)");

    @Test
    void jwtDecodeWithoutVerificationIsNeverCalled() {
        assertThat(MAIN.size()).isGreaterThan(20);
        NO_UNVERIFIED_DECODE.check(MAIN);
    }

    @Test
    void theRuleDoesCatchADecode() {
        JavaClasses offender = new ClassFileImporter().importPath(Path.of("target", "test-classes", "com", "ethiq", "app", "security", "SecurityRulesTest$Offender.class"));
        assertThatThrownBy(() -> NO_UNVERIFIED_DECODE.check(offender)).isInstanceOf(AssertionError.class);
    }

    @Test
    void onlyTheTokenServiceTouchesJavaJwt() {
        // One place signs and verifies every token of the product (access, refresh-adjacent, per-call media):
        // MediaTokens goes through TokenService with its own key, so java-jwt stays behind one class.
        noClasses().that().doNotHaveFullyQualifiedName(TokenService.class.getName())
                .and().resideOutsideOfPackage("com.ethiq.app.security..")
                .should().dependOnClassesThat().resideInAPackage("com.auth0.jwt..").check(MAIN);
        noClasses().that().resideInAPackage("com.ethiq.app.security..")
                .and().doNotHaveFullyQualifiedName(TokenService.class.getName())
                .and().doNotHaveFullyQualifiedName(TokenService.MediaToken.class.getName())
                .and().doNotHaveFullyQualifiedName(TokenService.MediaClaims.class.getName())
                .should().dependOnClassesThat().resideInAPackage("com.auth0.jwt..").check(MAIN);
    }

    /** What the rule must reject. */
    static final class Offender {
        String subject(String token) {
            return com.auth0.jwt.JWT.decode(token).getSubject();
        }
    }
}
