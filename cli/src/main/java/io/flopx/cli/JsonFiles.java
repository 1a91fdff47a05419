package io.flopx.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A request body from a file, read strictly: an unknown field is a usage mistake, not something to drop. */
final class JsonFiles {

    private JsonFiles() {}

    static <T> T read(Path file, Class<T> type, Session session) {
        if (!Files.isReadable(file)) {
            throw new UsageException("Cannot read " + file);
        }
        try {
            return session.api()
                    .getObjectMapper()
                    .copy()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException(file + " is not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
