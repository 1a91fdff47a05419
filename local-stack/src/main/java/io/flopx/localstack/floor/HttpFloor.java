package io.flopx.localstack.floor;

import com.sun.net.httpserver.HttpServer;
import io.flopx.localstack.floor.FloorBenchmark.Result;
import io.flopx.localstack.floor.FloorBenchmark.Run;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * One HTTP request shaped like a placement (a JSON body of about 300 bytes, a bearer token of about 900, a 201
 * with a small JSON answer) on a kept-alive connection: the JDK's own server, answering without looking at the
 * body, in a process of its own, and the JDK's client. The least an HTTP hop costs here; the exchange's
 * placement makes two (client to gateway, gateway to order-service).
 */
final class HttpFloor {

    private static final int PORT = 18089;
    private static final String BODY = """
            {"kind":"DEVICES","models":["H100"],"devices":8,"durationHours":2,"earliestStart":"2026-12-04T08:00:00Z",\
            "latestStart":"2026-12-04T10:00:00Z","limitPrice":2500,"currency":"CNY","hubs":["yangtze-delta"],\
            "fillPolicy":"PARTIAL","timeInForce":"GOOD_TILL_CANCELLED"}""";

    private HttpFloor() {}

    /** The server side, in its own JVM: answers every POST with a 201 and a small body. */
    static void serve(int port) throws Exception {
        byte[] answer = "{\"id\":\"0b0e8f4e-1c1a-4e0e-9b1a-1a2b3c4d5e6f\",\"status\":\"OPEN\",\"devices\":8}"
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("http server ready");
        Thread.currentThread().join();
    }

    static Result request(Run run) throws Exception {
        Process server = FloorBenchmark.startChild(
                Path.of("local-stack/target/floor/http-server.log"),
                "http server ready",
                "-Xmx128m",
                "http-server",
                String.valueOf(PORT));
        try {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest placement = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/orders"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + "x".repeat(900))
                    .POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .build();
            return FloorBenchmark.measured(
                    "HTTP: a placement-sized POST (JDK server and client)", run, server.pid(), n -> {
                        HttpResponse<byte[]> answer = client.send(placement, HttpResponse.BodyHandlers.ofByteArray());
                        if (answer.statusCode() != 201) {
                            throw new IllegalStateException("the floor's server answered " + answer.statusCode());
                        }
                    });
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
