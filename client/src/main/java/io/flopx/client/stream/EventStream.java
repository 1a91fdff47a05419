package io.flopx.client.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.client.invoker.ApiClient;
import io.flopx.client.invoker.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a Server-Sent Events stream of the public API (such as {@code /api/market/stream}) with an
 * {@link ApiClient}'s connection settings, token and JSON mapper: each event's data is one JSON document,
 * handed on as it arrives. OpenAPI Generator's clients read whole bodies, so streams are read here.
 */
public final class EventStream<T> {

    private final ApiClient api;
    private final Class<T> type;

    public EventStream(ApiClient api, Class<T> type) {
        this.api = api;
        this.type = type;
    }

    /**
     * Opens {@code pathAndQuery} (under the base URI, e.g. {@code /api/market/stream?hub=ningxia}) and hands every
     * event to {@code events} until the server ends the stream (then returns) or the thread is interrupted.
     *
     * @throws ApiException the server refused the stream (its status and problem body), or could not be reached
     *                      (code 0, the I/O error as cause), like the generated client's calls
     */
    public void read(String pathAndQuery, Consumer<T> events) throws ApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.getBaseUri() + pathAndQuery))
                .header("Accept", "text/event-stream")
                .GET();
        if (api.getConnectTimeout() != null) {
            request.timeout(api.getConnectTimeout()); // until the headers come; events may be far apart
        }
        if (api.getRequestInterceptor() != null) {
            api.getRequestInterceptor().accept(request);
        }
        HttpResponse<InputStream> response;
        try {
            response = api.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                throw new ApiException(
                        response.statusCode(), "stream refused: " + response.statusCode(), response.headers(), text);
            }
            dispatch(
                    new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)),
                    api.getObjectMapper(),
                    events);
        } catch (IOException e) {
            throw new ApiException(e);
        }
    }

    /** The event-stream format: {@code data:} lines make up an event, an empty line ends it, the rest is ignored. */
    void dispatch(BufferedReader lines, ObjectMapper json, Consumer<T> events) throws IOException {
        StringBuilder data = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.accept(json.readValue(data.toString(), type));
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
            }
        }
    }
}
