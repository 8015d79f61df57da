package dev.gridexec.store;

import java.nio.charset.StandardCharsets;

/** How a map's values are kept as bytes in the database, so that they load back as the type the map holds. */
public enum ValueType {

    /** {@code String} values (job records as JSON, cancel requests), kept as UTF-8. */
    TEXT {
        @Override
        byte[] toBytes(Object value) {
            if (value instanceof String text) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            throw wrongType(value);
        }

        @Override
        Object fromBytes(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    },
    /** {@code byte[]} values (jars, packed chunk outputs), kept as they are. */
    BYTES {
        @Override
        byte[] toBytes(Object value) {
            if (value instanceof byte[] bytes) {
                return bytes;
            }
            throw wrongType(value);
        }

        @Override
        Object fromBytes(byte[] bytes) {
            return bytes;
        }
    };

    abstract byte[] toBytes(Object value);

    abstract Object fromBytes(byte[] bytes);

    IllegalArgumentException wrongType(Object value) {
        return new IllegalArgumentException("a " + name() + " map cannot store a "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
