package io.flopx.catalog.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of catalog-service depend one way: {@code rest} (HTTP) and {@code messaging} (Kafka consumers)
 * on {@code service}, which uses {@code repository}, {@code outbox} (what it publishes) and {@code wire} (the
 * records on Kafka topics), all of them on {@code domain}. A service takes its own command and query types,
 * never the API's request or view records.
 */
class LayeringTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.flopx.catalog");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.flopx.catalog.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreDoesNotKnowHowItIsReached() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..catalog.service..",
                        "..catalog.repository..",
                        "..catalog.domain..",
                        "..catalog.wire..",
                        "..catalog.outbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..catalog.rest..", "..catalog.messaging..")
                .check(MAIN);
    }

    @Test
    void resourcesGoThroughServices() {
        noClasses()
                .that()
                .resideInAPackage("..catalog.rest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..catalog.repository..", "io.quarkus.hibernate.reactive.panache..")
                .check(MAIN);
    }

    @Test
    void theDomainStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("..catalog.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..catalog.service..", "..catalog.repository..", "..catalog.wire..", "..catalog.outbox..")
                .check(MAIN);
    }
}
