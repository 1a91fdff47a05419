package io.flopx.e2e;

import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person does in the browser during {@code flopx login}: opens Keycloak's device page with the code,
 * signs in with their password and grants access, here through Keycloak's own HTML forms (its login and
 * consent pages), with cookies kept like a browser keeps them.
 */
final class DeviceApproval {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new LocalhostCookies())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Approves the code at {@code verificationUriComplete} as {@code username}; the final page's text. */
    String approve(URI verificationUriComplete, String username, String password) throws Exception {
        HttpResponse<String> page = get(verificationUriComplete);
        boolean signedIn = false;
        for (int step = 0; step < 3; step++) {
            String html = page.body();
            if (html.contains("name=\"accept\"")) {
                page = post(action(page), Map.of("accept", "Yes"));
            } else if (html.contains("id=\"kc-form-login\"")) {
                // Once only: a second try would be a failed login, which the realm's brute-force guard counts.
                if (signedIn) {
                    throw new IllegalStateException("Keycloak refused the sign-in: " + html);
                }
                signedIn = true;
                page = post(action(page), Map.of("username", username, "password", password, "credentialId", ""));
            } else {
                return html;
            }
        }
        return page.body();
    }

    /**
     * A browser's cookies for one host: Keycloak marks its cookies Secure, and browsers send those to
     * {@code http://localhost} (a secure context) while the JDK's CookieManager does not.
     */
    private static final class LocalhostCookies extends CookieHandler {

        private final Map<String, String> cookies = new LinkedHashMap<>();

        @Override
        public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            String header = cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
            return Map.of("Cookie", List.of(header));
        }

        @Override
        public synchronized void put(URI uri, Map<String, List<String>> headers) {
            headers.forEach((name, values) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    for (String value : values) {
                        String pair = value.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            cookies.put(
                                    pair.substring(0, eq).trim(),
                                    pair.substring(eq + 1).trim());
                        }
                    }
                }
            });
        }
    }

    /** The page's form's target, which Keycloak gives absolute on its login page and relative on consent. */
    private static URI action(HttpResponse<String> page) {
        Matcher m = FORM.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("No form on Keycloak's page: " + page.body());
        }
        return page.uri().resolve(m.group(1).replace("&amp;", "&"));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
        String body = new LinkedHashMap<>(form)
                .entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        return browser.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
