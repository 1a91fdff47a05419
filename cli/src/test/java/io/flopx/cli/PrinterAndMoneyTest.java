package io.flopx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterAndMoneyTest {

    record Row(String name, String note) {}

    private static final Columns<Row> COLUMNS =
            Columns.of(Row.class).add("NAME", Row::name).add("NOTE", Row::note);

    private static String print(Format format, List<Row> rows) {
        StringWriter out = new StringWriter();
        new Printer(format, new PrintWriter(out), new ObjectMapper()).rows(rows, COLUMNS);
        return out.toString();
    }

    @Test
    void csvQuotesWhatWouldBreakAColumn() {
        String csv = print(Format.csv, List.of(new Row("a,b", "say \"hi\""), new Row("c", null)));
        assertEquals("NAME,NOTE\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nc,\r\n", csv);
    }

    @Test
    void tablesAlignTheirColumnsAndSayWhenEmpty() {
        String table = print(Format.table, List.of(new Row("long name", "x"), new Row("s", "y")));
        assertEquals(String.join(System.lineSeparator(), "NAME       NOTE", "long name  x", "s          y", ""), table);
        assertEquals(String.join(System.lineSeparator(), "NAME  NOTE", "(none)", ""), print(Format.table, List.of()));
    }

    @Test
    void moneyTakesTheCurrencysDecimalsAndNoMore() {
        assertEquals(1450, Money.toMinor(new BigDecimal("14.50"), "CNY", "--limit"));
        assertEquals(1450, Money.toMinor(new BigDecimal("14.5"), "CNY", "--limit"));
        assertEquals(1500, Money.toMinor(new BigDecimal("1500"), "JPY", "--limit"));
        UsageException tooFine =
                assertThrows(UsageException.class, () -> Money.toMinor(new BigDecimal("14.505"), "CNY", "--limit"));
        assertEquals("--limit has more than 2 decimals for CNY", tooFine.getMessage());
        assertThrows(UsageException.class, () -> Money.toMinor(new BigDecimal("1e30"), "CNY", "--limit"));
        assertThrows(UsageException.class, () -> Money.toMinor(new BigDecimal("-1"), "CNY", "--limit"));
        assertEquals("14.50 CNY", Money.format(1450L, "CNY"));
    }

    @Test
    void timesAreUtcWhateverTheUserTypes() {
        assertEquals(
                "2026-12-03T08:00Z",
                Times.parse("2026-12-03T08:00Z", "--earliest").toString());
        assertEquals(
                "2026-12-03T08:00Z",
                Times.parse("2026-12-03T08:00", "--earliest").toString());
        assertEquals(
                "2026-12-03T00:00Z", Times.parse("2026-12-03", "--earliest").toString());
        assertEquals(
                "2026-12-03T00:00Z",
                Times.parse("2026-12-03T08:00+08:00", "--earliest").toString());
        assertThrows(UsageException.class, () -> Times.parse("tomorrow", "--earliest"));
    }
}
