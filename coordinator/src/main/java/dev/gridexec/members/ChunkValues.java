package dev.gridexec.members;

import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.codec.ValueCodec;

/** How a {@link RemoteJob} turns chunk inputs into bytes for the wire and outputs back. */
interface ChunkValues extends AutoCloseable {

    /** A jar kernel's values: already encoded (split on a node), kept encoded (reduced on a node); no class of the jar here. */
    ChunkValues ENCODED = new ChunkValues() {
        @Override
        public byte[] encode(Object input) {
            return (byte[]) input;
        }

        @Override
        public Object decode(byte[] output) {
            return output;
        }

        @Override
        public void close() {
        }
    };

    byte[] encode(Object input);

    Object decode(byte[] output);

    /** Lets go of the kernel, if held. */
    @Override
    void close();

    /** A built-in kernel's values: its objects, encoded and decoded by its codec. */
    static ChunkValues of(ResolvedKernel kernel) {
        Class<Object> outputType = kernel.newInstance().outputType();
        ValueCodec codec = kernel.codec();
        return new ChunkValues() {
            @Override
            public byte[] encode(Object input) {
                return codec.encode(input);
            }

            @Override
            public Object decode(byte[] output) {
                return codec.decode(output, outputType);
            }

            @Override
            public void close() {
                kernel.close();
            }
        };
    }
}
