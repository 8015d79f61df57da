package dev.gridexec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Python task's module given by path: {@code "params": {"module": {"path": "primes.py"}}}, relative to the
 * task file. The client reads the file and sends its source in {@code module}; the coordinator never reads
 * the client's files.
 */
public final class ModuleFile {

    /** Numbers kept as written, as {@link TaskJar} keeps them. */
    private static final ObjectMapper JSON = Json.DOCUMENTS;

    private ModuleFile() {
    }

    /** An experiment spec ({@code file}'s bytes) with its task's module file inlined; the bytes as they are when there is none. */
    public static byte[] inlineInSpec(byte[] spec, Path file) throws IOException {
        JsonNode document;
        try {
            document = JSON.readTree(spec);
        } catch (IOException unreadable) {
            return spec; // the spec reader explains what is wrong with it
        }
        if (document instanceof ObjectNode object && object.get("task") instanceof ObjectNode task
                && inline(task, file.toAbsolutePath().getParent(), file + ": task")) {
            return JSON.writeValueAsBytes(object);
        }
        return spec;
    }

    /**
     * Replaces {@code params.module = {"path": P}} in {@code task} by the source of P (relative to {@code base});
     * does nothing to a task without one.
     *
     * @return whether the task was changed
     * @throws IOException when the file cannot be read, or {@code module} names it wrongly
     */
    public static boolean inline(ObjectNode task, Path base, String where) throws IOException {
        JsonNode params = task.get("params");
        if (!(params instanceof ObjectNode object) || !(object.get("module") instanceof ObjectNode module)) {
            return false;
        }
        JsonNode path = module.get("path");
        if (module.size() != 1 || path == null || !path.isTextual() || path.asText().isBlank()) {
            throw new IOException(where + ": params.module must be the module's source, or {\"path\": \"FILE.py\"}"
                    + " relative to the task file; got " + module);
        }
        Path file = base.resolve(path.asText()).normalize();
        try {
            if (Files.isDirectory(file)) {
                throw new IOException("python module " + file + " is a directory");
            }
            object.put("module", Files.readString(file, StandardCharsets.UTF_8));
            return true;
        } catch (NoSuchFileException e) {
            throw new IOException("python module " + file + " (params.module.path in " + where + ") does not exist", e);
        } catch (MalformedInputException e) {
            throw new IOException("python module " + file + " is not UTF-8 text", e);
        }
    }
}
