package io.flopx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * flopx-client is generated from {@code client/src/main/openapi/flopx-api.json}: this keeps that file the
 * gateway's public document, so a service whose API changes fails here until the client is regenerated. On a
 * difference it writes the live document to {@code e2e/target/flopx-api.json}, ready to copy over.
 */
@ExtendWith(SharedStack.class)
class ClientContractTest {

    private static final Path REPO = Path.of(System.getProperty("flopx.repo.root"));

    @Test
    void theClientIsGeneratedFromTheGatewaysPublicDocument() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String live = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(SharedStack.stack().config().gatewayUrl() + "/openapi"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        JsonNode liveDoc = json.readTree(live);
        JsonNode committed = json.readTree(
                REPO.resolve("client/src/main/openapi/flopx-api.json").toFile());
        if (!committed.equals(liveDoc)) {
            Path fresh = REPO.resolve("e2e/target/flopx-api.json");
            Files.writeString(fresh, json.writeValueAsString(liveDoc) + "\n");
            assertEquals(
                    json.writeValueAsString(committed),
                    json.writeValueAsString(liveDoc),
                    "The gateway's /openapi differs from the client's document: copy " + fresh
                            + " to client/src/main/openapi/flopx-api.json and rebuild");
        }
    }
}
