package dev.gridexec.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.OptionalDouble;

/** CSV writing: RFC 4180 quoting, {@code \n} line ends, numbers with {@code .} decimals whatever the locale. */
final class Csv {

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    /** Writes one record; each cell is quoted when it holds a comma, a quote or a line break. */
    Csv row(String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            out.write(i == 0 ? "" : ",");
            out.write(quote(cells[i]));
        }
        out.write('\n');
        return this;
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    static String number(double value, int scale) {
        return Texts.number(value, scale, Locale.ROOT);
    }

    /** The value, or an empty cell when there is none. */
    static String number(OptionalDouble value, int scale) {
        return Texts.number(value, scale, Locale.ROOT, "");
    }
}
