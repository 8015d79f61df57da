package dev.gridexec.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.testsupport.SchemaDocs;
import dev.gridexec.testsupport.SchemaSyncContract;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps docs/task.schema.json, examples/*.json and {@link TaskReader} in step: what one accepts the
 * others accept, what one rejects the others reject. The tests that use {@link KernelCatalog#builtIn()}
 * need the real kernels; the others stand in the params probe (which follows the primes contract) for
 * primes.
 */
class TaskSchemaSyncTest extends SchemaSyncContract {

    private static final TaskReader BUILT_IN_READER = new TaskReader(KernelCatalog.builtIn(), TaskDefaults.builtIn(2, 1));
    /** The built-in names, with the probe standing in for primes. */
    private static final TaskReader PROBE_READER = new TaskReader(
            KernelCatalog.builtIn().with("primes", ParamsProbeKernel.class), TaskDefaults.builtIn(2, 1));

    TaskSchemaSyncTest() {
        super("task.schema.json", "examples");
    }

    @Override
    protected void assertReaderAccepts(String json) throws InvalidTaskException {
        assertThat(PROBE_READER.read(json).kernel()).isEqualTo("primes");
    }

    @Override
    protected void assertReaderRejects(String json) {
        assertThat(catchThrowableOfType(InvalidTaskException.class, () -> PROBE_READER.read(json))).as("reader").isNotNull();
    }

    /** An example is read with the real kernels, and has a name. */
    @Override
    protected void assertReaderAcceptsExample(String fileName, String json) throws InvalidTaskException {
        assertThat(SchemaDocs.readTree(example(fileName)).path("name").asText()).isNotBlank();
        Task task = BUILT_IN_READER.read(json);
        assertThat(task.name()).isNotBlank();
    }

    @Override
    protected Map<String, Object> schemaValues() {
        return Map.of("/properties/chunks/maximum", TaskReader.MAX_CHUNKS, "/properties/workers/maximum", TaskReader.MAX_WORKERS,
                "/properties/nodes/maximum", TaskReader.MAX_NODES, "/properties/threadsPerSlot/maximum", TaskReader.MAX_THREADS_PER_SLOT,
                "/properties/switchIntervalMs/maximum", TaskReader.MAX_SWITCH_INTERVAL_MS,
                "/properties/maxAttempts/maximum", TaskReader.MAX_ATTEMPTS, "/properties/name/maxLength", TaskReader.MAX_NAME_LENGTH);
    }

    @Test
    void theSchemaListsTheReadersFieldsAndTheBuiltInKernels() {
        assertThat(propertyNames("/properties")).containsExactlyInAnyOrderElementsOf(TaskReader.FIELDS);
        List<String> kernels = new ArrayList<>();
        schema.node().at("/$defs/builtInKernel/enum").forEach(k -> kernels.add(k.asText()));
        assertThat(kernels).containsExactlyElementsOf(KernelCatalog.builtIn().names());
        for (String kernel : kernels) {
            assertThat(schema.node().at("/$defs/" + kernel + "Params/additionalProperties").asBoolean(true))
                    .as("%s params are closed", kernel).isFalse();
        }
    }

    @Test
    void everyBuiltInKernelHasAnExample() {
        for (String kernel : KernelCatalog.builtIn().names()) {
            assertThat(example(kernel + ".json")).exists();
        }
    }

    @Override
    protected Stream<String> invalidDocuments() {
        String limit = "\"kernel\": \"primes\", \"params\": {\"limit\": 10}";
        return Stream.concat(Stream.of(
                "[]", "\"primes\"", "null", "{}", "{\"kernel\": \"foo\"}", "{\"kernel\": 42}", "{\"kernel\": null}",
                "{\"kernel\": \"primes\"}", "{\"kernel\": \"primes\", \"params\": {}}",
                "{\"kernel\": \"primes\", \"params\": []}", "{\"kernel\": \"primes\", \"params\": null}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 1}}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 1000000000001}}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 2.5}}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": \"10\"}}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 10, \"method\": \"magic\"}}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 10, \"extra\": 1}}",
                "{\"kernel\": \"com.example.K\", \"artifact\": \"" + "A".repeat(64) + "\"}",
                "{\"kernel\": \"com.example.K\", \"artifact\": \"" + "a".repeat(63) + "\"}",
                "{\"kernel\": \"com.example.K\", \"artifact\": \"" + "g".repeat(64) + "\"}",
                "{\"kernel\": \"com.example.K\", \"artifact\": 42}",
                "{\"kernel\": \"com.example.K\", \"artifact\": null}",
                "{\"kernel\": \"\", \"artifact\": \"" + "a".repeat(64) + "\"}",
                "{\"artifact\": \"" + "a".repeat(64) + "\"}"),
                Stream.of("\"foo\": 1", "\"Kernel\": \"primes\"", "\"chunks\": 0", "\"chunks\": 1000001", "\"chunks\": 2.5",
                        "\"chunks\": \"4\"", "\"chunks\": null", "\"chunks\": 1e400", "\"workers\": 0", "\"workers\": 4097",
                        "\"nodes\": 0", "\"nodes\": 4097", "\"threadsPerSlot\": 0", "\"threadsPerSlot\": 257",
                        "\"switchIntervalMs\": 0", "\"switchIntervalMs\": 60001", "\"seed\": 9223372036854775808",
                        "\"seed\": -9223372036854775809", "\"seed\": 1.5", "\"mode\": \"fast\"", "\"mode\": null",
                        "\"timeout\": \"0s\"", "\"timeout\": \"PT0S\"", "\"timeout\": \"PT0.000S\"", "\"timeout\": \"soon\"",
                        "\"timeout\": 30", "\"timeout\": \"-PT1S\"", "\"timeout\": \"PT\"", "\"timeout\": \"10M\"",
                        "\"timeout\": \"pt10m\"", "\"timeout\": null", "\"maxAttempts\": 0", "\"maxAttempts\": 101",
                        "\"name\": \"\"", "\"name\": \"" + "x".repeat(201) + "\"", "\"name\": 7", "\"name\": null")
                        .map(field -> "{" + limit + ", " + field + "}"));
    }


    /** A task of a kernel in an artifact: the schema cannot know the class or its params, so it checks the shape only. */
    @Test
    void aTaskOfAKernelInAnArtifactPassesTheSchemaWhateverItsParams() {
        String sha = "0123456789abcdef".repeat(4);
        assertThat(schema.errors("{\"kernel\": \"com.example.Pricer\", \"artifact\": \"" + sha + "\", \"params\": {\"paths\": 10}}"))
                .isEmpty();
        assertThat(schema.errors("{\"kernel\": \"primes\", \"artifact\": \"" + sha + "\", \"params\": {\"x\": 1}}"))
                .as("a class named primes in a jar is not the built-in primes").isEmpty();
        assertThat(schema.errors("{\"kernel\": \"com.example.Pricer\"}")).as("a class name without an artifact").isNotEmpty();
    }

    @Override
    protected Stream<String> validDocuments() {
        return Stream.of(
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 2}}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 1000000000000, \"method\": \"sieve\"}}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 5e6}, \"chunks\": 5e2, \"workers\": 4.0}",
                "{\"name\": \"" + "x".repeat(200) + "\", \"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"chunks\": 1000000,"
                        + " \"mode\": \"gil\", \"workers\": 4096, \"nodes\": 4096, \"threadsPerSlot\": 256,"
                        + " \"switchIntervalMs\": 60000, \"seed\": -9223372036854775808, \"timeout\": \"30d\", \"maxAttempts\": 100}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"chunks\": 1, \"mode\": \"slots\", \"workers\": 1,"
                        + " \"nodes\": 1, \"threadsPerSlot\": 1, \"switchIntervalMs\": 1, \"seed\": 9223372036854775807,"
                        + " \"timeout\": \"1ms\", \"maxAttempts\": 1, \"name\": \"x\"}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"timeout\": \"PT0.5S\"}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"timeout\": \"P1DT2H3M4.5S\"}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"timeout\": \"PT720H\"}");
    }


    Stream<String> invalidParamsOfEveryKernel() {
        return Stream.of(
                "primes {}", "primes {\"limit\": 1}", "primes {\"limit\": 1000000000001}",
                "primes {\"limit\": 10, \"method\": \"x\"}", "primes {\"limit\": 10, \"x\": 1}",
                "pi {}", "pi {\"samples\": 0}", "pi {\"samples\": 1000000000001}", "pi {\"samples\": 10, \"seed\": 1}",
                "nqueens {}", "nqueens {\"n\": 0}", "nqueens {\"n\": 19}", "nqueens {\"n\": 8.5}",
                "mandelbrot {\"height\": 1, \"maxIterations\": 1}",
                "mandelbrot {\"width\": 0, \"height\": 1, \"maxIterations\": 1}",
                "mandelbrot {\"width\": 16385, \"height\": 1, \"maxIterations\": 1}",
                "mandelbrot {\"width\": 1, \"height\": 0, \"maxIterations\": 1}",
                "mandelbrot {\"width\": 1, \"height\": 16385, \"maxIterations\": 1}",
                "mandelbrot {\"width\": 1, \"height\": 1}",
                "mandelbrot {\"width\": 1, \"height\": 1, \"maxIterations\": 0}",
                "mandelbrot {\"width\": 1, \"height\": 1, \"maxIterations\": 1000001}",
                "mandelbrot {\"width\": 1, \"height\": 1, \"maxIterations\": 1, \"xMin\": \"a\"}",
                "mandelbrot {\"width\": 1, \"height\": 1, \"maxIterations\": 1, \"pixels\": \"yes\"}",
                "mandelbrot {\"width\": 1, \"height\": 1, \"maxIterations\": 1, \"zoom\": 2}",
                "matmul {}", "matmul {\"n\": 0}", "matmul {\"n\": 4097}",
                "collatz {}", "collatz {\"limit\": 1}", "collatz {\"limit\": 1000000001}",
                "sleep {}", "sleep {\"millis\": -1}", "sleep {\"millis\": 3600001}",
                "spin {}", "spin {\"iterations\": -1}", "spin {\"iterations\": 1000000001}");
    }

    private static String taskOf(String kernelAndParams) {
        int space = kernelAndParams.indexOf(' ');
        return "{\"kernel\": \"" + kernelAndParams.substring(0, space) + "\", \"params\": " + kernelAndParams.substring(space + 1) + "}";
    }

    /** Needs the real kernels: fails while the built-in kernels are placeholders. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidParamsOfEveryKernel")
    void invalidParamsOfEveryKernelAreRejectedByTheSchemaAndTheBuiltInKernels(String kernelAndParams) {
        String json = taskOf(kernelAndParams);
        assertThat(schema.errors(json)).as("schema errors").isNotEmpty();
        InvalidTaskException e = catchThrowableOfType(InvalidTaskException.class, () -> BUILT_IN_READER.read(json));
        assertThat(e).as("reader").isNotNull();
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.path()).startsWith("params"));
    }

    Stream<String> boundaryParamsOfEveryKernel() {
        return Stream.of(
                "primes {\"limit\": 2}", "primes {\"limit\": 1000000000000, \"method\": \"sieve\"}",
                "pi {\"samples\": 1}", "pi {\"samples\": 1000000000000}",
                "nqueens {\"n\": 1}", "nqueens {\"n\": 18}",
                "mandelbrot {\"width\": 1, \"height\": 1, \"maxIterations\": 1}",
                "mandelbrot {\"width\": 16384, \"height\": 16384, \"maxIterations\": 1000000, \"xMin\": -2, \"xMax\": 0.5,"
                        + " \"yMin\": -1, \"yMax\": 1, \"pixels\": false}",
                "mandelbrot {\"width\": 4096, \"height\": 4096, \"maxIterations\": 1, \"pixels\": true}",
                "matmul {\"n\": 1}", "matmul {\"n\": 4096}",
                "collatz {\"limit\": 2}", "collatz {\"limit\": 1000000000}",
                "sleep {\"millis\": 0}", "sleep {\"millis\": 3600000}",
                "spin {\"iterations\": 0}", "spin {\"iterations\": 1000000000}");
    }

    /** Needs the real kernels: fails while the built-in kernels are placeholders. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryParamsOfEveryKernel")
    void boundaryParamsOfEveryKernelAreAcceptedByTheSchemaAndTheBuiltInKernels(String kernelAndParams) throws Exception {
        String json = taskOf(kernelAndParams);
        assertThat(schema.errors(json)).as("schema errors").isEmpty();
        assertThat(BUILT_IN_READER.read(json).params()).isNotEmpty();
    }
}
