package dev.gridexec.jobstore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One ledger entry: a batch of a job's finished chunks as bytes. Layout: version (1), sent (int), count (int), then
 * per chunk its index (int), length (int) and encoded output.
 */
final class LedgerPack {

    private static final byte VERSION = 1;

    private LedgerPack() {
    }

    static byte[] pack(int sent, Map<Integer, byte[]> outputs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(sent);
            out.writeInt(outputs.size());
            for (Map.Entry<Integer, byte[]> entry : outputs.entrySet()) {
                out.writeInt(entry.getKey());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Adds the pack's outputs to {@code outputs}.
     *
     * @return the pack's {@code sent}
     * @throws IllegalArgumentException when the bytes are not a pack of this version
     */
    static int unpack(byte[] pack, Map<Integer, byte[]> outputs) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(pack))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("ledger entry of version " + version + ", expected " + VERSION);
            }
            int sent = in.readInt();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                int index = in.readInt();
                byte[] output = new byte[in.readInt()];
                in.readFully(output);
                outputs.put(index, output);
            }
            return sent;
        } catch (IOException e) {
            throw new IllegalArgumentException("a ledger entry is cut short: " + e.getMessage(), e);
        }
    }
}
