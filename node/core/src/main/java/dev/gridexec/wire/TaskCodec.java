package dev.gridexec.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A normalised task to and from bytes, for members and for a node's child processes. Numbers in params come back as
 * the task reader made them (Long, BigInteger, BigDecimal), so kernels validate the same values on every member.
 */
public final class TaskCodec {

    private static final ObjectMapper JSON = Json.records();

    private TaskCodec() {
    }

    public static byte[] encode(Task task) {
        try {
            return JSON.writeValueAsBytes(task);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Task decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Task.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a task: " + e.getMessage(), e);
        }
    }
}
