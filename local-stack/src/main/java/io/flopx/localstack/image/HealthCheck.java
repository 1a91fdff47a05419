package io.flopx.localstack.image;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The health check inside FlopX's images, for Compose (Kubernetes probes the HTTP endpoint itself). The
 * images carry a Java runtime but no shell or curl, so the check is this one class, run as
 * {@code java -cp /opt/flopx/healthcheck io.flopx.localstack.image.HealthCheck <url>}: exit 0 on a 2xx answer.
 */
public final class HealthCheck {

    private HealthCheck() {}

    public static void main(String[] args) {
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(args[0]))
                    .timeout(Duration.ofSeconds(3))
                    .build();
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            System.exit(status / 100 == 2 ? 0 : 1);
        } catch (Exception e) {
            System.err.println(e);
            System.exit(1);
        }
    }
}
