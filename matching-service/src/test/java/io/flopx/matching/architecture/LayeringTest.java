package io.flopx.matching.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of matching-service depend one way: {@code rest}, {@code ops} and {@code messaging} (the
 * ways in and out) on {@code service}, which uses {@code wire} (the records on Kafka) and {@code engine}
 * (plain Java: no framework, nothing else of the service).
 */
class LayeringTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.flopx.matching");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.flopx.matching.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreDoesNotKnowHowItIsReached() {
        noClasses()
                .that()
                .resideInAnyPackage("..matching.service..", "..matching.wire..", "..matching.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..matching.messaging..", "..matching.rest..", "..matching.ops..")
                .check(MAIN);
    }

    @Test
    void theEngineIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("..matching.engine..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("..matching.engine..", "java..")
                .check(MAIN);
    }
}
