package dev.gridexec.scheduler;

import dev.gridexec.codec.ValueCodec;

/**
 * How a job's chunk values become bytes, for a member's wire and for the job's ledger, and how a chunk's output comes
 * back: a built-in kernel's objects through its codec, or a jar kernel's values, which the coordinator keeps encoded
 * (split and reduced on a node, so that no class of the jar is loaded here).
 */
public interface ChunkValues {

    /** A jar kernel's values: already bytes, and kept so. */
    ChunkValues ENCODED = new ChunkValues() {
        @Override
        public byte[] encode(Object value) {
            return (byte[]) value;
        }

        @Override
        public Object decodeOutput(byte[] bytes) {
            return bytes;
        }
    };

    /** A chunk's input or output as bytes. */
    byte[] encode(Object value);

    /** A chunk's output from its bytes; throws when they do not decode. */
    Object decodeOutput(byte[] bytes);

    /** A built-in kernel's values: {@code codec} encodes them and decodes outputs into {@code outputType}. */
    static ChunkValues of(ValueCodec codec, Class<Object> outputType) {
        return new ChunkValues() {
            @Override
            public byte[] encode(Object value) {
                return codec.encode(value);
            }

            @Override
            public Object decodeOutput(byte[] bytes) {
                return codec.decode(bytes, outputType);
            }
        };
    }
}
