package io.flopx.cli;

import io.flopx.client.auth.DeviceCode;
import io.flopx.client.auth.OidcClient;
import io.flopx.client.auth.Tokens;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "login",
        description = {
            "Sign in with your browser (OAuth 2.0 device authorization): flopx prints a URL and a code, you approve"
                    + " there, and flopx keeps a refresh token in your config folder (owner-only) so later commands"
                    + " need no password."
        },
        footer = {
            "",
            "Examples:",
            "  flopx login",
            "  flopx login --gateway https://flopx.example.com --issuer https://sso.example.com/realms/flopx"
        })
class LoginCommand implements Callable<Integer> {

    @Mixin
    Session session;

    @Option(
            names = "--issuer",
            paramLabel = "URL",
            description = "The exchange's sign-in server (default: $FLOPX_ISSUER, else " + Session.DEFAULT_ISSUER + ")")
    String issuer;

    @Override
    public Integer call() {
        String realm = issuer != null ? issuer : envOr("FLOPX_ISSUER", Session.DEFAULT_ISSUER);
        OidcClient oidc = new OidcClient(URI.create(realm), Session.CLIENT_ID);
        DeviceCode code = oidc.startDeviceSignIn();
        PrintWriter err = session.err();
        err.println(
                "To sign in, open " + code.verificationUri() + " in a browser and enter the code " + code.userCode());
        if (code.verificationUriComplete() != null) {
            err.println("(or open " + code.verificationUriComplete() + ")");
        }
        err.print("Waiting for approval");
        err.flush();
        Tokens tokens = oidc.awaitDeviceSignIn(code, wait -> {
            err.print('.');
            err.flush();
        });
        err.println();
        URI gateway = session.gateway();
        session.store().save(new CredentialStore.Saved(gateway.toString(), realm, Session.CLIENT_ID, tokens));
        Identity who = Identity.of(tokens.accessToken());
        session.out()
                .println("Signed in as " + who.username() + " (" + who.tenant() + ", " + String.join(", ", who.roles())
                        + ") to " + gateway);
        return 0;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
