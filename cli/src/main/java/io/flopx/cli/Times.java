package io.flopx.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times as a person types them: {@code 2026-12-03T08:00Z}, {@code 2026-12-03T08:00} (UTC) or a day (00:00 UTC). */
final class Times {

    private Times() {}

    static OffsetDateTime parse(String text, String option) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    option + " must be a time such as 2026-12-03T08:00Z or a day such as 2026-12-03: " + text);
        }
    }
}
