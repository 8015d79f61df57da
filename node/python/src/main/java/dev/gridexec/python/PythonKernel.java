package dev.gridexec.python;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ModeRestriction;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.kernel.api.WarmUp;
import dev.gridexec.python.engine.PythonInterpreter;
import dev.gridexec.python.engine.PythonModuleException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Value;

/**
 * The {@code python} kernel: a task module written in Python (the source text in {@code params.module})
 * defines {@code split(params, chunks)}, {@code run(params, chunk)} and {@code reduce(params, outputs)};
 * the other params are handed to those functions as a dict. Values cross as JSON.
 *
 * <p>Where the interpreter comes from: this class holds one {@link PythonInterpreter} in a static, made on
 * first use. In {@code slots} mode every slot defines this package anew (its own class loader), so every
 * slot gets its own interpreter, with its own GIL, and slots run Python in parallel; in {@code gil} mode the
 * workers share the node's one interpreter and take turns. {@code threads} is refused: GraalPy has no
 * free-threaded mode. Module-level state lives as long as the interpreter (a warm slot keeps it across jobs).
 */
public final class PythonKernel implements Kernel<PythonKernel.Params, String, String, JsonNode>, ModeRestriction, WarmUp,
        AutoCloseable {

    /** The largest module source accepted, in characters. */
    public static final int MAX_MODULE_CHARS = 1 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** This class loader's interpreter, made when first needed (a slot's loader makes its own); null until then. */
    private static PythonInterpreter interpreter; // guarded by PythonKernel.class

    private static synchronized PythonInterpreter interpreter() {
        if (interpreter == null) {
            interpreter = PythonInterpreter.create();
        }
        return interpreter;
    }

    /**
     * The validated params.
     *
     * @param sha256 the module source's SHA-256 (what the interpreter caches it under)
     * @param source the module's Python source
     * @param json   the other params, as the JSON object the functions receive
     */
    public record Params(String sha256, String source, String json) {
    }

    /** Starts this class loader's interpreter (seconds for the first of a JVM): a node does it for its first slot. */
    @Override
    public void warmUp() {
        interpreter();
    }

    /**
     * Closes this class loader's interpreter: a slot does it when it closes (the shared engine keeps every context
     * it made until it is closed, so a slot's would outlive its loader). Only a slot's instance is ever closed.
     */
    @Override
    public void close() {
        synchronized (PythonKernel.class) {
            if (interpreter != null) {
                interpreter.close();
                interpreter = null;
            }
        }
    }

    @Override
    public Params params(ParamReader reader) {
        Object module = reader.jsonParam("module");
        String json = toJson(reader.restParams());
        if (!(module instanceof String source)) {
            reader.problem("module", module instanceof Map<?, ?>
                    ? "must be the module's Python source; a path is for the client (client submit reads the file and sends its source)"
                    : module == null ? "is required: the Python source of a module defining split(params, chunks), run(params, chunk) and reduce(params, outputs)"
                    : "must be a string holding Python source");
            return null;
        }
        if (source.isBlank() || source.length() > MAX_MODULE_CHARS) {
            reader.problem("module", source.isBlank() ? "must not be empty" : "must be at most " + MAX_MODULE_CHARS + " characters");
            return null;
        }
        Params params = new Params(sha256(source), source, json);
        try {
            interpreter().module(params.sha256(), source);
        } catch (PythonModuleException e) {
            reader.problem("module", e.getMessage());
            return null;
        }
        return params;
    }

    @Override
    public List<String> split(Params params, SplitRequest request) {
        JsonNode inputs = parse(call(params, "split", Integer.toString(request.chunks())), "split");
        if (!inputs.isArray() || inputs.isEmpty() || inputs.size() > request.chunks()) {
            throw new IllegalArgumentException("split(params, chunks) must return a list of 1 to " + request.chunks()
                    + " chunk inputs, got " + describe(inputs));
        }
        List<String> chunks = new ArrayList<>(inputs.size());
        inputs.forEach(input -> chunks.add(input.toString()));
        return chunks;
    }

    @Override
    public String run(Params params, String input, ChunkContext context) {
        context.checkpoint();
        return call(params, "run", input);
    }

    @Override
    public JsonNode reduce(Params params, List<String> outputs) {
        return parse(call(params, "reduce", "[" + String.join(",", outputs) + "]"), "reduce");
    }

    @Override
    public Optional<String> refusal(String mode) {
        if (!mode.equals("threads")) {
            return Optional.empty();
        }
        return Optional.of("the python kernel cannot run in threads mode: GraalPy has no free-threaded mode (its GIL would"
                + " run one thread at a time); use slots (an interpreter per worker, in parallel) or gil (one interpreter"
                + " shared by the workers, one at a time)");
    }

    private static String call(Params params, String function, String argument) {
        Value module = interpreter().module(params.sha256(), params.source());
        return interpreter().call(module, function, params.json(), argument);
    }

    private static JsonNode parse(String json, String function) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(function + " returned JSON that Java cannot read: " + e.getOriginalMessage(), e);
        }
    }

    private static String toJson(Map<String, Object> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("params are a JSON tree and always serialise", e);
        }
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }

    static String sha256(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
