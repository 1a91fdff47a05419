package io.flopx.embedded.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Finds loopback ports nobody listens on, so parallel runs and a running local stack never collide.
 * Ports come from below Linux's ephemeral range (32768-60999), so an outgoing connection cannot take a
 * port between its probe here and the moment its server binds it; and a port is handed out once per
 * JVM (seen here before: PostgreSQL and Kafka were both given 32829).
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int BELOW = 32_768;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final Random RANDOM = new Random();

    private FreePorts() {}

    public static synchronized int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = LOWEST + RANDOM.nextInt(BELOW - LOWEST);
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + BELOW);
    }

    /** The given port, or a free one when it is 0. */
    public static int orFree(int port) {
        return port == 0 ? next() : port;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
