package dev.gridexec.python;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.task.TaskReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Python task documents for the tests, read as the coordinator reads them. */
final class PythonTasks {

    /** The examples, from the repository's examples/python. */
    static final Path EXAMPLES = Path.of("../../examples/python");

    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonTasks() {
    }

    static String example(String file) {
        try {
            return Files.readString(EXAMPLES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task.json of a python task: the module's source and further params. */
    static String json(String source, Map<String, Object> params, String mode, int workers, int chunks) {
        Map<String, Object> allParams = new LinkedHashMap<>();
        allParams.put("module", source);
        allParams.putAll(params);
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("kernel", "python");
        task.put("params", allParams);
        if (mode != null) {
            task.put("mode", mode);
        }
        task.put("workers", workers);
        task.put("chunks", chunks);
        try {
            return JSON.writeValueAsString(task);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Task read(String json) throws InvalidTaskException {
        return new TaskReader(KernelCatalog.builtIn(), TaskDefaults.builtIn(2, 1)).read(json);
    }

    static Task task(String source, Map<String, Object> params, Mode mode, int workers, int chunks) throws InvalidTaskException {
        return read(json(source, params, mode.wireName(), workers, chunks));
    }
}
