package io.flopx.catalog.domain;

import java.util.regex.Pattern;

/** CAICT's green data-centre rating, 1A (lowest) to 5A (highest), stored as its number. */
public final class GreenRating {

    private static final Pattern FORM = Pattern.compile("[1-5]A");

    private GreenRating() {}

    public static boolean isValid(String rating) {
        return rating != null && FORM.matcher(rating).matches();
    }

    public static int level(String rating) {
        return rating.charAt(0) - '0';
    }

    public static String label(int level) {
        return level + "A";
    }
}
