package dev.gridexec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellTextLeftNumbersRight() {
        StringWriter out = new StringWriter();
        TextTable.print(List.of(new String[] {"model", "ms", "note"}, new String[] {"threads", "1000.5", ""},
                new String[] {"gil", "2.0", "NOISY"}), new boolean[] {true, false, true}, new PrintWriter(out, true));
        assertThat(out.toString().replace(System.lineSeparator(), "\n")).isEqualTo("""
                model        ms  note
                threads  1000.5
                gil         2.0  NOISY
                """);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> TextTable.print(List.<String[]>of(new String[] {"a"}), new boolean[] {true, true},
                new PrintWriter(new StringWriter())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells in a table of 2");
    }
}
