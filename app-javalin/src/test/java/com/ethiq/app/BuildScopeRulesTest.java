package com.ethiq.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Embedded PostgreSQL is in this module's compile scope for one reason, the embedded default of {@code ./ethiq serve}
 * ({@code com.ethiq.app.demo}); nothing else in the production code may start to lean on it.
 */
class BuildScopeRulesTest {
    static {
        com.tngtech.archunit.ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes", "com", "ethiq", "app"));

    @Test
    void onlyTheEmbeddedDefaultUsesEmbeddedPostgres() {
        assertThat(MAIN.size()).isGreaterThan(20);
        noClasses().that().resideOutsideOfPackage("com.ethiq.app.demo..")
                .should().dependOnClassesThat().resideInAPackage("io.zonky..")
                .because("embedded PostgreSQL is compile scope only for the embedded default (com.ethiq.app.demo)")
                .check(MAIN);
    }
}
