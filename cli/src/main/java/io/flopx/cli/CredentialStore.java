package io.flopx.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flopx.client.auth.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code flopx login} keeps the sign-in: {@code credentials.json} in the user's config folder
 * ({@code $FLOPX_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/flopx}, else {@code ~/.config/flopx}), readable
 * by its owner only, like gcloud's and kubectl's. Written to a temporary file first and moved into place,
 * so a crash never leaves half a file and the token is never readable by others, not even for a moment.
 */
final class CredentialStore {

    /** One signed-in session: which exchange, which sign-in server, and the tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Saved(String gateway, String issuer, String clientId, Tokens tokens) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    CredentialStore(Path folder) {
        this.folder = folder;
    }

    static CredentialStore forUser(Map<String, String> env) {
        String own = env.get("FLOPX_CONFIG_DIR");
        if (own != null && !own.isBlank()) {
            return new CredentialStore(Path.of(own));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new CredentialStore(base.resolve("flopx"));
    }

    Path file() {
        return folder.resolve("credentials.json");
    }

    Optional<Saved> load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Saved.class));
        } catch (IOException unreadable) {
            // A damaged file is as good as none: the user signs in again and it is rewritten.
            return Optional.empty();
        }
    }

    void save(Saved saved) {
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "credentials", ".tmp");
            ownerOnly(temp);
            JSON.writeValue(temp.toFile(), saved);
            Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the sign-in in " + folder, e);
        }
    }

    boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + file(), e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
