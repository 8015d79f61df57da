package dev.gridexec.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON-like tree that kernels read. */
class JsonValuesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void numbersBecomeLongBigIntegerOrBigDecimal() throws Exception {
        Map<String, Object> map = JsonValues.toMap(MAPPER.readTree(
                "{\"small\": 3, \"long\": 9223372036854775807, \"big\": 9223372036854775808, \"decimal\": 2.50, \"exp\": 5e6}"));
        assertThat(map.get("small")).isEqualTo(3L);
        assertThat(map.get("long")).isEqualTo(Long.MAX_VALUE);
        assertThat(map.get("big")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(map.get("decimal")).isInstanceOf(BigDecimal.class);
        assertThat(map.get("exp")).isEqualTo(new BigDecimal("5e6"));
    }

    @Test
    void structuresKeepOrderAndNulls() throws Exception {
        Map<String, Object> map = JsonValues.toMap(MAPPER.readTree(
                "{\"z\": [1, \"a\", null, true, {\"b\": false, \"a\": null}], \"y\": {}}"));
        assertThat(map.keySet()).containsExactly("z", "y");
        assertThat((List<?>) map.get("z")).isEqualTo(Arrays.asList(1L, "a", null, true, map("b", false, "a", null)));
        assertThat(List.copyOf(((Map<?, ?>) ((List<?>) map.get("z")).get(4)).keySet())).isEqualTo(List.of("b", "a"));
        assertThat(map.get("y")).isEqualTo(Map.of());
    }

    @Test
    void valuesAreDescribedAsParamReaderDescribesThem() {
        assertThat(JsonValues.describe("two")).isEqualTo("\"two\"");
        assertThat(JsonValues.describe("x".repeat(50))).isEqualTo("\"" + "x".repeat(40) + "…\"");
        assertThat(JsonValues.describe(List.of())).isEqualTo("an array");
        assertThat(JsonValues.describe(Map.of())).isEqualTo("an object");
        assertThat(JsonValues.describe(new BigDecimal("1e400"))).isEqualTo("1E+400");
        assertThat(JsonValues.describe(null)).isEqualTo("null");
    }

    private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
