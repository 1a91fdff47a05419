package io.flopx.cli;

import io.flopx.client.auth.OidcClient;
import io.flopx.client.auth.SignInException;
import io.flopx.client.auth.Tokens;
import io.flopx.client.invoker.ApiClient;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command that calls the exchange shares (a picocli mixin), and what they lead to: the
 * gateway, the access token (from {@code --token} or {@code FLOPX_TOKEN}, else the saved sign-in, refreshed
 * when it is about to expire), a typed API client, and the printer for {@code --output}.
 */
public class Session {

    static final String DEFAULT_GATEWAY = "http://localhost:8080";
    static final String DEFAULT_ISSUER = "http://localhost:8090/realms/flopx";
    static final String CLIENT_ID = "flopx-cli";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            description = "The exchange's gateway (default: the signed-in one, else $FLOPX_GATEWAY, else "
                    + DEFAULT_GATEWAY + ")")
    String gateway;

    @Option(
            names = "--token",
            paramLabel = "JWT",
            description = "An access token to call with instead of the saved sign-in (default: $FLOPX_TOKEN), for CI"
                    + " and machine clients")
    String token;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format output;

    private ApiClient api;
    /** The saved sign-in as this command last read or wrote it: the file is read once, not per call. */
    private CredentialStore.Saved saved;

    CredentialStore store() {
        return CredentialStore.forUser(System.getenv());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and prompts: never on stdout, which JSON and CSV keep to themselves. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Printer printer() {
        return new Printer(output, out(), api().getObjectMapper());
    }

    /** A table on {@code to} (a quote shown on stderr before placing), whatever --output says. */
    Printer tableOn(PrintWriter to) {
        return new Printer(Format.table, to, api().getObjectMapper());
    }

    private Optional<CredentialStore.Saved> saved() {
        if (saved == null) {
            saved = store().load().orElse(null);
        }
        return Optional.ofNullable(saved);
    }

    URI gateway() {
        if (gateway != null) {
            return uri(gateway);
        }
        String env = System.getenv("FLOPX_GATEWAY");
        if (env != null && !env.isBlank()) {
            return uri(env);
        }
        return saved().map(s -> uri(s.gateway())).orElse(uri(DEFAULT_GATEWAY));
    }

    /** The typed client, calling with this session's token. */
    ApiClient api() {
        if (api == null) {
            URI base = gateway();
            ApiClient client = new ApiClient();
            client.updateBaseUri(base.toString().replaceAll("/$", ""));
            client.setConnectTimeout(Duration.ofSeconds(10));
            client.setReadTimeout(Duration.ofSeconds(30));
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken()));
            api = client;
        }
        return api;
    }

    /**
     * The bearer token to call with, asked for by every request (a watch makes two a second): the saved sign-in
     * is read once per command and refreshed, then saved, only when its access token is about to expire.
     */
    String accessToken() {
        String given = token != null ? token : System.getenv("FLOPX_TOKEN");
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        CredentialStore.Saved s = saved().orElseThrow(() ->
                new NotSignedInException("Not signed in: run `flopx login` (or pass --token / set FLOPX_TOKEN)."));
        Instant now = Instant.now();
        if (s.tokens().accessUsableAt(now)) {
            return s.tokens().accessToken();
        }
        if (!s.tokens().refreshUsableAt(now)) {
            throw new NotSignedInException("Your sign-in has expired: run `flopx login` again.");
        }
        try {
            Tokens fresh = new OidcClient(URI.create(s.issuer()), s.clientId())
                    .refresh(s.tokens().refreshToken());
            saved = new CredentialStore.Saved(s.gateway(), s.issuer(), s.clientId(), fresh);
            store().save(saved);
            return fresh.accessToken();
        } catch (SignInException e) {
            throw new NotSignedInException(e.getMessage() + ": run `flopx login` again.");
        }
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--gateway must be a URL such as " + DEFAULT_GATEWAY + ": " + value);
        }
    }
}
