package dev.gridexec.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Copies kernel values (params, chunk inputs and outputs, results: plain records) to and from bytes.
 *
 * <p>Kernel authors write no serialization code: records of primitives, strings, arrays and lists
 * round-trip exactly (doubles included, NaN and infinities too). A slot, and an artifact's shared loader,
 * use an {@link #isolated()} codec whose caches are their own, so that nothing outside them keeps their
 * classes alive.
 */
public final class ValueCodec {

    private static final ValueCodec SHARED = new ValueCodec();

    private final ObjectMapper mapper;
    private volatile ObjectMapper results; // made on first use: only the coordinator reduces

    private ValueCodec() {
        this.mapper = Json.values();
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

    /** A job's result as the job record shows it: a JSON tree, null fields left out. */
    public JsonNode resultTree(Object result) {
        ObjectMapper withoutNulls = results;
        if (withoutNulls == null) {
            withoutNulls = mapper.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
            results = withoutNulls;
        }
        return withoutNulls.valueToTree(result);
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
