package dev.gridexec.wire;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.fasterxml.jackson.databind.util.LookupCache;

/**
 * The one place the shared core and the coordinator make their Jackson mappers, one kind per use. Each mapper is
 * made once and shared (they are thread-safe once configured); none is handed to user code.
 */
public final class Json {

    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final ObjectMapper DOCUMENTS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Keep numbers as written (2.50 stays 2.50), so that messages quote what the user wrote.
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private static final ObjectMapper RESULTS = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /**
     * For the records of {@code dev.gridexec.wire} between processes and in the job store: numbers come back as the
     * task reader made them (Long, BigInteger, BigDecimal), and a field a newer version added is skipped, not fatal.
     */
    public static ObjectMapper records() {
        return RECORDS;
    }

    /**
     * For documents users write (task.json): strict (a duplicate key or trailing text is an error) and exact
     * (numbers kept as written).
     */
    public static ObjectMapper documents() {
        return DOCUMENTS;
    }

    /**
     * For kernels' results and the JSON the coordinator writes: plain, reading NaN and Infinity as a kernel's
     * reduce may write them.
     */
    public static ObjectMapper results() {
        return RESULTS;
    }

    /**
     * A new mapper for one kernel's values (chunk inputs and outputs), tolerant of unknown fields, with a small
     * bounded type cache: one is made per codec, so that a slot's classes are not kept alive by a shared cache.
     */
    @SuppressWarnings("unchecked")
    public static ObjectMapper values() {
        return JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .typeFactory(TypeFactory.defaultInstance()
                        .withCache((LookupCache<Object, JavaType>) new LRUMap<Object, JavaType>(16, 256)))
                .build();
    }
}
