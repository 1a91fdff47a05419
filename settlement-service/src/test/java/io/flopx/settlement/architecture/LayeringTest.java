package io.flopx.settlement.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of settlement-service depend one way: {@code rest} (HTTP) on {@code service}, which uses
 * {@code repository} (the ledger's tables), both on {@code domain}. A service takes its own command and query
 * types, never the API's request or view records; only the repository speaks SQL.
 */
class LayeringTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.flopx.settlement");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.flopx.settlement.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreDoesNotKnowHowItIsReached() {
        noClasses()
                .that()
                .resideInAnyPackage("..settlement.service..", "..settlement.repository..", "..settlement.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..settlement.rest..")
                .check(MAIN);
    }

    @Test
    void resourcesGoThroughServices() {
        noClasses()
                .that()
                .resideInAPackage("..settlement.rest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..settlement.repository..", "io.vertx..")
                .check(MAIN);
    }

    @Test
    void theDomainStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("..settlement.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..settlement.service..", "..settlement.repository..", "..settlement.rest..")
                .check(MAIN);
    }
}
