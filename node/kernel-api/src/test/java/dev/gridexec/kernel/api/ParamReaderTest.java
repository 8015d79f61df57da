package dev.gridexec.kernel.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamReaderTest {

    @Test
    void readsIntegersInRange() {
        ParamReader reader = new ParamReader(Map.of("limit", 1000L));
        assertThat(reader.longParam("limit", 2, 1_000_000_000_000L)).isEqualTo(1000L);
        assertThat(reader.ok()).isTrue();
    }

    @Test
    void outOfRangeIntegerNamesTheBoundsAsPeopleWriteThem() {
        ParamReader reader = new ParamReader(Map.of("limit", -5L));
        reader.longParam("limit", 2, 1_000_000_000_000L);
        assertThat(reader.problems()).containsExactly(new ParamProblem("limit", "must be between 2 and 10^12, got -5"));
    }

    @Test
    void fractionsHugeNumbersAndStringsAreNotIntegers() {
        ParamReader reader = new ParamReader(Map.of(
                "a", new BigDecimal("2.5"),
                "b", new BigDecimal("1e400"),
                "c", "12",
                "d", new BigInteger("123456789012345678901234567890")));
        reader.longParam("a", 0, 10);
        reader.longParam("b", 0, 10);
        reader.longParam("c", 0, 10);
        reader.longParam("d", 0, 10);
        assertThat(reader.problems()).extracting(ParamProblem::path).containsExactly("a", "b", "c", "d");
        assertThat(reader.problems().get(0).message()).isEqualTo("must be an integer between 0 and 10, got 2.5");
        assertThat(reader.problems().get(1).message()).isEqualTo("must be between 0 and 10, got 1E+400");
        assertThat(reader.problems().get(2).message()).contains("got \"12\"");
    }

    @Test
    void integralDecimalsAreAccepted() {
        ParamReader reader = new ParamReader(Map.of("limit", new BigDecimal("5e6")));
        assertThat(reader.longParam("limit", 2, 10_000_000)).isEqualTo(5_000_000L);
        assertThat(reader.ok()).isTrue();
    }

    @Test
    void missingRequiredAndDefaultsAndNull() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("n", null);
        ParamReader reader = new ParamReader(raw);
        assertThat(reader.intParam("size", 1, 4, 3)).isEqualTo(3);
        reader.intParam("n", 1, 18);
        reader.intParam("missing", 1, 18);
        assertThat(reader.problems()).containsExactly(
                new ParamProblem("n", "must be an integer between 1 and 18, got null"),
                new ParamProblem("missing", "is required: an integer between 1 and 18"));
    }

    @Test
    void doublesMustBeFinite() {
        ParamReader reader = new ParamReader(Map.of("x", new BigDecimal("1e400"), "y", new BigDecimal("-0.5")));
        reader.doubleParam("x");
        assertThat(reader.doubleParam("y")).isEqualTo(-0.5);
        assertThat(reader.problems()).containsExactly(new ParamProblem("x", "must be a finite number, got 1E+400"));
    }

    @Test
    void choicesBooleansAndUnreadNames() {
        ParamReader reader = new ParamReader(Map.of("method", "magic", "pixels", "yes", "extra", 1L));
        reader.choiceParam("method", "trial", "trial", "sieve");
        reader.booleanParam("pixels", false);
        assertThat(reader.problems()).extracting(ParamProblem::message).containsExactly(
                "must be one of \"trial\", \"sieve\", got \"magic\"",
                "must be true or false, got \"yes\"");
        assertThat(reader.unreadNames()).containsExactly("extra");
    }

    @Test
    void jsonParamAndRestParamsHandOverWhatTheKernelPassesOn() {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("module", "def run(p, c): pass");
        params.put("limit", 10L);
        params.put("nested", Map.of("a", 1L));
        ParamReader reader = new ParamReader(params);
        assertThat(reader.jsonParam("module")).isEqualTo("def run(p, c): pass");
        assertThat(reader.jsonParam("absent")).isNull();
        assertThat(reader.restParams()).containsExactly(Map.entry("limit", 10L), Map.entry("nested", Map.of("a", 1L)));
        assertThat(reader.unreadNames()).isEmpty();
        assertThat(reader.restParams()).as("a second call finds nothing left").isEmpty();
    }
}
