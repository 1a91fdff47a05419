package io.flopx.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a list ended, as an opaque token for {@code ?after=}: the sort key (a time) and the id of
 * the last row, so the next page starts right after it however many rows arrive meanwhile (keyset paging:
 * no row is skipped or shown twice, and a deep page costs what the first does).
 */
public record Cursor(Instant at, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; null for none; a 400 naming {@code field} if it is not one of ours. */
    public static Cursor decode(String token, String field) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
            return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw ApiProblem.badRequest(field, "not a cursor this API gave out");
        }
    }

    /**
     * The {@code Link} header value pointing at the next page ({@code path?limit=..&after=..}), or null when
     * the page was not full (nothing after it).
     */
    public static String nextLink(String path, int limit, int returned, Cursor last) {
        return nextLink(path + "?limit=" + limit, returned < limit ? null : last);
    }

    /**
     * The same for a list with filters: {@code pathAndQuery} is the request's path with every parameter but
     * the cursor; null when {@code last} is (the page was not full).
     */
    public static String nextLink(String pathAndQuery, Cursor last) {
        if (last == null) {
            return null;
        }
        return "<" + pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "after=" + last.encode()
                + ">; rel=\"next\"";
    }
}
