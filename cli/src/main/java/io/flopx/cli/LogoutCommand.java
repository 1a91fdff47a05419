package io.flopx.cli;

import io.flopx.client.auth.OidcClient;
import io.flopx.client.auth.SignInException;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "logout",
        description = "Sign out: ends the session at the sign-in server and deletes the saved tokens.",
        footer = {"", "Example:", "  flopx logout"})
class LogoutCommand implements Callable<Integer> {

    @Mixin
    Session session;

    @Override
    public Integer call() {
        var saved = session.store().load();
        if (saved.isEmpty()) {
            session.out().println("Not signed in.");
            return 0;
        }
        var s = saved.get();
        try {
            if (s.tokens().refreshToken() != null) {
                new OidcClient(URI.create(s.issuer()), s.clientId())
                        .signOut(s.tokens().refreshToken());
            }
        } catch (SignInException unreachable) {
            // The local copy goes either way; the server's session then ends when its refresh token expires.
            session.err()
                    .println("Could not reach the sign-in server (" + unreachable.getMessage()
                            + "): its session ends when the refresh token expires.");
        }
        session.store().delete();
        session.out().println("Signed out.");
        return 0;
    }
}
