package dev.gridexec.codec;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Copies kernel values (params, chunk inputs and outputs, results: plain records) to and from bytes.
 *
 * <p>Kernel authors write no serialization code: records of primitives, strings, arrays and lists
 * round-trip exactly (doubles included, NaN and infinities too). A slot uses an {@link #isolated()}
 * codec whose caches are its own, so that nothing outside the slot keeps the slot's classes alive.
 */
public final class ValueCodec {

    private static final ValueCodec SHARED = new ValueCodec();

    private final ObjectMapper mapper;

    private ValueCodec() {
        this.mapper = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .typeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 256)))
                .build();
    }

    /** The node's codec for classes of its shared class loader. */
    public static ValueCodec shared() {
        return SHARED;
    }

    /** A codec with caches of its own, for one slot. */
    public static ValueCodec isolated() {
        return new ValueCodec();
    }

    /** The value as bytes. */
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    /** A value of {@code type} decoded from bytes made by {@link #encode}. */
    public <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
