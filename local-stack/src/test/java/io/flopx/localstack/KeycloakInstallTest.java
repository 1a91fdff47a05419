package io.flopx.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder gets Keycloak from the kept built copy once one exists (no second build), without the first
 * folder's data, and never a copy of another version (no Keycloak is started: the files only).
 */
class KeycloakInstallTest {

    @TempDir
    Path dir;

    @Test
    void theSecondDataFolderStartsFromTheBuiltCopyWithoutTheFirstOnesData() throws Exception {
        Path zip = distribution("keycloak-26.0.0");
        Path built = KeycloakServer.builtCopyOf(zip);

        Path first = KeycloakServer.install(zip, built, dir.resolve("stack-1/keycloak"));
        assertTrue(Files.isExecutable(first.resolve("bin/kc.sh")), "unpacked from the zip");
        // What starting it does: the build's output and the first stack's own database.
        Files.writeString(Files.createDirectories(first.resolve("lib/quarkus")).resolve("build.properties"), "built");
        Files.writeString(Files.createDirectories(first.resolve("data/h2")).resolve("keycloakdb.mv.db"), "users");
        KeycloakServer.keepBuilt(first, built);

        Path second = KeycloakServer.install(zip, built, dir.resolve("stack-2/keycloak"));
        assertEquals("built", Files.readString(second.resolve("lib/quarkus/build.properties")));
        assertTrue(Files.isExecutable(second.resolve("bin/kc.sh")), "file modes kept");
        assertFalse(Files.exists(second.resolve("data/h2")), "the first stack's users and keys stay its own");
        assertEquals(second, KeycloakServer.install(zip, built, dir.resolve("stack-2/keycloak")), "installed once");
    }

    @Test
    void aKeptCopyOfAnotherVersionIsNotUsed() throws Exception {
        Path oldZip = distribution("keycloak-25.0.0");
        Path built = KeycloakServer.builtCopyOf(oldZip);
        Path old = KeycloakServer.install(oldZip, built, dir.resolve("stack-1/keycloak"));
        Files.writeString(Files.createDirectories(old.resolve("lib/quarkus")).resolve("build.properties"), "built");
        KeycloakServer.keepBuilt(old, built);

        Files.delete(oldZip);
        Path newZip = distribution("keycloak-26.0.0");
        Path fresh = KeycloakServer.install(newZip, built, dir.resolve("stack-2/keycloak"));
        assertEquals("keycloak-26.0.0", fresh.getFileName().toString());
        assertFalse(Files.exists(fresh.resolve("lib/quarkus")), "unpacked, not copied from 25");

        KeycloakServer.keepBuilt(fresh, built);
        assertTrue(Files.isDirectory(built.resolve("keycloak-26.0.0")), "the newer build replaces the older one");
        assertFalse(Files.exists(built.resolve("keycloak-25.0.0")));
    }

    private Path distribution(String top) throws IOException {
        Path zip = dir.resolve("dist/keycloak.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(top + "/"));
            out.putNextEntry(new ZipEntry(top + "/bin/kc.sh"));
            out.write("#!/bin/sh\n".getBytes());
            out.putNextEntry(new ZipEntry(top + "/lib/lib/main/keycloak.jar"));
            out.write("jar".getBytes());
        }
        return zip;
    }
}
