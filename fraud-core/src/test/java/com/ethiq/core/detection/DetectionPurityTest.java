package com.ethiq.core.detection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The detection engine is pure Java: the JDK, the core's own domain and (at most) slf4j. */
class DetectionPurityTest {

    @Test
    void detectionDependsOnNothingButTheJdkAndTheCore() throws Exception {
        // import the compiled main classes only: scanning the whole classpath is slow
        Path classes = Path.of(DetectionEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(classes.resolve("com/ethiq/core/detection"));
        classes().that().resideInAPackage("com.ethiq.core.detection..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.ethiq.core..", "org.slf4j..")
                .check(main);
    }
}
