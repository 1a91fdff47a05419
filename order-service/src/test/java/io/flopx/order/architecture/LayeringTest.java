package io.flopx.order.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of order-service depend one way: {@code rest} (HTTP) and {@code messaging} (Kafka consumers)
 * on {@code service}, which uses {@code repository}, {@code client} (catalog and matching over HTTP),
 * {@code outbox} (what it publishes) and {@code wire} (the records on Kafka topics), all of them on {@code domain}. A service takes its own command and query types,
 * never the API's request or view records.
 */
class LayeringTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.flopx.order");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.flopx.order.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreDoesNotKnowHowItIsReached() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..order.service..",
                        "..order.repository..",
                        "..order.domain..",
                        "..order.wire..",
                        "..order.outbox..",
                        "..order.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..order.rest..", "..order.messaging..")
                .check(MAIN);
    }

    @Test
    void resourcesGoThroughServices() {
        noClasses()
                .that()
                .resideInAPackage("..order.rest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..order.repository..", "io.quarkus.hibernate.reactive.panache..")
                .check(MAIN);
    }

    @Test
    void theDomainStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("..order.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..order.service..",
                        "..order.repository..",
                        "..order.wire..",
                        "..order.outbox..",
                        "..order.client..")
                .check(MAIN);
    }
}
