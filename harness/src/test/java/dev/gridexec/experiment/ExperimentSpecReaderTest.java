package dev.gridexec.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Problem;
import dev.gridexec.task.TaskDefaults;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExperimentSpecReaderTest {

    static final ExperimentSpecReader READER = new ExperimentSpecReader(KernelCatalog.builtIn(), TaskDefaults.builtIn(2, 1));
    static final String TASK = "\"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": 100000}, \"chunks\": 8}";
    /** A task the experiments that run for real in tests measure: done in well under a second per run. */
    static final String QUICK_TASK = "\"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": 20000}, \"chunks\": 8}";
    private static final ObjectMapper JSON = new ObjectMapper();

    static ExperimentSpec read(String json) throws InvalidExperimentException {
        return READER.read(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> problems(byte[] json) {
        InvalidExperimentException e = catchThrowableOfType(InvalidExperimentException.class, () -> READER.read(json));
        assertThat(e).as("rejected").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    static List<String> problems(String json) {
        return problems(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> paths(String json) {
        return problems(json).stream().map(p -> p.substring(0, p.indexOf(": "))).toList();
    }

    private static Configuration config(String label, Mode mode, int nodes, int workers) {
        return new Configuration(label, mode, nodes, workers);
    }

    @Test
    void theProductFormRunsEveryModeWithEveryNodeAndWorkerCountWithTheDefaults() throws Exception {
        ExperimentSpec spec = read("{\"name\": \"p\", " + TASK + ", \"modes\": [\"gil\", \"threads\"], \"nodes\": [1, 2],"
                + " \"workers\": [1, 2]}");
        assertThat(spec.configurations()).containsExactly(
                config("gil", Mode.GIL, 1, 1), config("gil", Mode.GIL, 1, 2), config("gil", Mode.GIL, 2, 1),
                config("gil", Mode.GIL, 2, 2), config("threads", Mode.THREADS, 1, 1), config("threads", Mode.THREADS, 1, 2),
                config("threads", Mode.THREADS, 2, 1), config("threads", Mode.THREADS, 2, 2));
        assertThat(spec.repeats()).isEqualTo(ExperimentSpec.DEFAULT_REPEATS).isEqualTo(3);
        assertThat(spec.warmup()).isEqualTo(ExperimentSpec.DEFAULT_WARMUP).isEqualTo(1);
        assertThat(spec.local()).isEqualTo(ExperimentSpec.DEFAULT_LOCAL).isTrue();
        assertThat(spec.runs()).isEqualTo(8 * 4);
        assertThat(spec.maxNodes()).isEqualTo(2);
    }

    @Test
    void runsGroupsAreEachTheirOwnProductLabelledByTheirModeUnlessNamed() throws Exception {
        ExperimentSpec spec = read("{\"name\": \"talk\", " + TASK + ", \"runs\": [{\"mode\": \"slots\", \"nodes\": [1],"
                + " \"workers\": [1, 2]}, {\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1], \"label\": \"node-processes\"}],"
                + " \"repeats\": 2, \"warmup\": 0, \"local\": false}");
        assertThat(spec.configurations()).containsExactly(config("slots", Mode.SLOTS, 1, 1), config("slots", Mode.SLOTS, 1, 2),
                config("node-processes", Mode.THREADS, 1, 1), config("node-processes", Mode.THREADS, 2, 1));
        assertThat(spec.repeats()).isEqualTo(2);
        assertThat(spec.warmup()).isZero();
        assertThat(spec.local()).isFalse();
    }

    @Test
    void eachRunSubmitsTheTaskWithItsOwnModeNodesAndWorkers() throws Exception {
        ExperimentSpec spec = read("{\"name\": \"o\", \"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": 1000},"
                + " \"mode\": \"gil\", \"workers\": 8, \"chunks\": 16}, \"modes\": [\"slots\"], \"nodes\": [2], \"workers\": [3]}");
        JsonNode task = JSON.readTree(spec.taskFor(config("slots", Mode.SLOTS, 2, 3)));
        assertThat(task.get("mode").asText()).isEqualTo("slots");
        assertThat(task.get("nodes").asInt()).isEqualTo(2);
        assertThat(task.get("workers").asInt()).isEqualTo(3);
        assertThat(task.get("chunks").asInt()).isEqualTo(16);
        assertThat(task.get("params").get("limit").asLong()).isEqualTo(1000);
        assertThat(task.get("name").asText()).isEqualTo("o: slots nodes=2 workers=3");
        assertThat(spec.overriddenTaskFields()).containsExactly("mode", "workers");
    }

    @Test
    void aTaskWithoutChunksGetsFourPerWorkerOfTheLargestConfigurationForEveryRun() throws Exception {
        ExperimentSpec spec = read("{\"name\": \"c\", \"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": 1000}},"
                + " \"modes\": [\"threads\"], \"nodes\": [1, 2], \"workers\": [1, 3]}");
        assertThat(JSON.readTree(spec.taskFor(config("threads", Mode.THREADS, 1, 1))).get("chunks").asInt()).isEqualTo(24);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPathInDocumentOrder() {
        List<String> problems = problems("{\"name\": \"bad name\", \"colour\": 1, \"task\": {\"kernel\": \"primes\","
                + " \"params\": {\"limit\": 1, \"foo\": 2}, \"chunks\": 0}, \"modes\": [\"gil\", \"node-processes\", \"gil\"],"
                + " \"nodes\": [0, 1, 1, 65], \"workers\": [], \"repeats\": 0, \"warmup\": 101, \"local\": \"yes\"}");
        assertThat(problems).containsExactly(
                "name: must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit (it names the output"
                        + " directory), got \"bad name\"",
                "colour: unknown field; known: name, task, modes, nodes, workers, runs, repeats, warmup, local",
                "task.params.limit: must be between 2 and 10^12, got 1",
                "task.params.foo: unknown parameter",
                "task.chunks: must be between 1 and 10^6, got 0",
                "modes[1]: must be one of \"threads\", \"slots\", \"gil\", \"processes\", got \"node-processes\"; \"node-processes\" is a label, not a mode:"
                        + " give runs with a group {\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1], \"label\": \"node-processes\"}",
                "modes[2]: lists \"gil\" again",
                "nodes[0]: must be between 1 and 4096, got 0",
                "nodes[2]: lists 1 again",
                "nodes[3]: must be at most 64 when local is true (each node is a JVM started on this host), got 65",
                "workers: must be an array of 1 to 64 integers, e.g. [1, 2], got an empty array",
                "repeats: must be between 1 and 100, got 0",
                "warmup: must be between 0 and 100, got 101",
                "local: must be true (start nodes on this host) or false (use --coordinator), got \"yes\"");
    }

    @Test
    void everyProblemOfRunsGroupsIsReportedWithItsPath() {
        List<String> problems = problems("{\"name\": \"r\", " + TASK + ", \"runs\": [{\"mode\": \"fast\", \"nodes\": [1.5],"
                + " \"workers\": [\"2\"], \"label\": \"a b\", \"x\": 1}, {}, 7]}");
        assertThat(problems).containsExactly(
                "runs[0].x: unknown field; known: mode, nodes, workers, label",
                "runs[0].mode: must be one of \"threads\", \"slots\", \"gil\", \"processes\", got \"fast\"",
                "runs[0].nodes[0]: must be an integer between 1 and 4096, got 1.5",
                "runs[0].workers[0]: must be an integer between 1 and 4096, got \"2\"",
                "runs[0].label: must be 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit, got \"a b\"",
                "runs[1].mode: is required: one of \"threads\", \"slots\", \"gil\", \"processes\"",
                "runs[1].nodes: is required: an array of nodes counts, e.g. [1, 2]",
                "runs[1].workers: is required: an array of workers counts, e.g. [1, 2]",
                "runs[2]: must be an object such as {\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1], \"label\":"
                        + " \"node-processes\"}, got 7");
    }

    static Stream<Arguments> badSpecs() {
        String product = ", \"modes\": [\"threads\"], \"nodes\": [1], \"workers\": [1]";
        String group = "{\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1]}";
        return Stream.of(
                Arguments.of("{" + TASK + product + "}", "name: is required"),
                Arguments.of("{\"name\": 7, " + TASK + product + "}", "name: must be 1 to 100"),
                Arguments.of("{\"name\": \"..\", " + TASK + product + "}", "name: must be 1 to 100"),
                Arguments.of("{\"name\": \"a/b\", " + TASK + product + "}", "name: must be 1 to 100"),
                Arguments.of("{\"name\": \"-x\", " + TASK + product + "}", "name: must be 1 to 100"),
                Arguments.of("{\"name\": \"" + "x".repeat(101) + "\", " + TASK + product + "}", "name: must be 1 to 100"),
                Arguments.of("{\"name\": \"n\"" + product + "}", "task: is required: a task.json object"),
                Arguments.of("{\"name\": \"n\", \"task\": [1]" + product + "}", "task: must be a task.json object, got an array"),
                Arguments.of("{\"name\": \"n\", \"task\": {\"kernel\": \"nope\"}" + product + "}", "task.kernel: unknown kernel"),
                Arguments.of("{\"name\": \"n\", \"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"mode\": \"fast\"}"
                        + product + "}", "task.mode: must be one of"),
                Arguments.of("{\"name\": \"n\", " + TASK + "}", "modes: is required (or runs instead)"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"modes\": [\"gil\"], \"workers\": [1]}", "nodes: is required"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"modes\": \"gil\", \"nodes\": [1], \"workers\": [1]}",
                        "modes: must be a non-empty array of modes"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"modes\": [], \"nodes\": [1], \"workers\": [1]}",
                        "modes: must be a non-empty array of modes"),
                Arguments.of("{\"name\": \"n\", " + TASK + product.replace("[1]}", "[1]") + ", \"runs\": [" + group + "]}",
                        "modes: cannot be combined with runs"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"modes\": [\"gil\"], \"nodes\": [4097], \"workers\": [1],"
                        + " \"local\": false}", "nodes[0]: must be between 1 and 4096, got 4097"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [4097]}",
                        "workers[0]: must be between 1 and 4096, got 4097"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"modes\": [\"gil\"], \"nodes\": [1], \"workers\": 2}",
                        "workers: must be an array of 1 to 64 integers, e.g. [1, 2], got 2"),
                Arguments.of("{\"name\": \"n\", " + TASK + product + ", \"repeats\": 101}", "repeats: must be between 1 and 100"),
                Arguments.of("{\"name\": \"n\", " + TASK + product + ", \"repeats\": 2.5}", "repeats: must be an integer"),
                Arguments.of("{\"name\": \"n\", " + TASK + product + ", \"warmup\": -1}", "warmup: must be between 0 and 10"),
                Arguments.of("{\"name\": \"n\", " + TASK + product + ", \"local\": null}", "local: must be true"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"runs\": []}", "runs: must be an array of 1 to 64 groups"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"runs\": {}}", "runs: must be an array of 1 to 64 groups"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"runs\": [{\"mode\": \"node-processes\", \"nodes\": [1], \"workers\": [1]}]}",
                        "runs[0].mode: must be one of \"threads\", \"slots\", \"gil\", \"processes\", got \"node-processes\"; \"node-processes\" is a label"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"runs\": [{\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1],"
                        + " \"label\": \"gil\"}]}", "runs[0].label: \"gil\" is the name of another mode; choose another label"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"runs\": [{\"mode\": \"gil\", \"nodes\": [1], \"workers\": [1],"
                        + " \"label\": \"p\"}, {\"mode\": \"threads\", \"nodes\": [2], \"workers\": [1], \"label\": \"p\"}]}",
                        "runs[1].label: label \"p\" is already used for mode gil in runs[0]; a label names the line of one mode"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"runs\": [" + group + ", {\"mode\": \"threads\", \"nodes\": [1, 2],"
                        + " \"workers\": [1]}]}", "runs[1]: repeats nodes=1 workers=1 of label \"threads\" from runs[0]"),
                Arguments.of("{\"name\": \"n\", " + TASK + ", \"modes\": [\"gil\", \"slots\", \"threads\"], \"nodes\": [1, 2, 3, 4],"
                        + " \"workers\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]}",
                        "$: the sweep would make 672 runs (168 configurations × (1 warm-up + 3 measured rounds)), at most 500"
                                + " are allowed; use fewer modes, nodes, workers or rounds"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSpecs")
    void aBadSpecIsRejectedNamingThePathAndWhatIsWrong(String json, String expected) {
        assertThat(problems(json)).anySatisfy(problem -> assertThat(problem).startsWith(expected));
    }

    @Test
    void aSweepOfExactlyFiveHundredRunsIsAllowed() throws Exception {
        String workers = String.join(", ", Stream.iterate(1, w -> w + 1).limit(25).map(String::valueOf).toList());
        String spec = "{\"name\": \"n\", " + TASK + ", \"modes\": [\"threads\"], \"nodes\": [1, 2, 3, 4, 5], \"workers\": ["
                + workers;
        assertThat(read(spec + "]}").runs()).isEqualTo(500);
        assertThat(problems(spec + ", 26]}")).containsExactly("$: the sweep would make 520 runs (130 configurations × (1 warm-up"
                + " + 3 measured rounds)), at most 500 are allowed; use fewer modes, nodes, workers or rounds");
    }

    @Test
    void localNodeCountsAreBoundedBecauseEachIsAJvmButRemoteOnesAreNot() throws Exception {
        String spec = "{\"name\": \"n\", " + TASK + ", \"runs\": [{\"mode\": \"threads\", \"nodes\": [1, 100], \"workers\": [1]}]";
        assertThat(paths(spec + "}")).containsExactly("runs[0].nodes[1]");
        assertThat(read(spec + ", \"local\": false}").maxNodes()).isEqualTo(100);
    }

    @Test
    void theBaselineOfEachLabelIsAddedToTheSweepWhenTheSpecLacksIt() throws Exception {
        ExperimentSpec spec = read("{\"name\": \"b\", " + TASK + ", \"runs\": [{\"mode\": \"gil\", \"nodes\": [1], \"workers\": [2]},"
                + " {\"mode\": \"threads\", \"nodes\": [2, 4], \"workers\": [1], \"label\": \"node-processes\"},"
                + " {\"mode\": \"slots\", \"nodes\": [1], \"workers\": [1, 2]}]}");
        assertThat(spec.configurations()).containsExactly(config("gil", Mode.GIL, 1, 1), config("gil", Mode.GIL, 1, 2),
                config("node-processes", Mode.THREADS, 1, 1), config("node-processes", Mode.THREADS, 2, 1),
                config("node-processes", Mode.THREADS, 4, 1), config("slots", Mode.SLOTS, 1, 1), config("slots", Mode.SLOTS, 1, 2));
    }

    static Stream<Arguments> unreadableDocuments() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        byte[] latin1 = {'{', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'};
        return Stream.of(
                Arguments.of("".getBytes(StandardCharsets.UTF_8), "$: is empty; expected a JSON object"),
                Arguments.of(bom, "$: starts with a byte-order mark"),
                Arguments.of(latin1, "$: is not JSON text: invalid UTF-8 at line 1, column 7"),
                Arguments.of("[]".getBytes(StandardCharsets.UTF_8), "$: must be a JSON object, got an array"),
                Arguments.of("{\"name\": ".getBytes(StandardCharsets.UTF_8), "$: is not valid JSON at line 1"),
                Arguments.of("{\"name\": \"a\", \"name\": \"b\"}".getBytes(StandardCharsets.UTF_8),
                        "name: duplicate key at line 1"),
                Arguments.of("{} {}".getBytes(StandardCharsets.UTF_8), "$: has content after the JSON object at line 1, column 4; a spec is a single JSON object"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unreadableDocuments")
    void anUnreadableDocumentIsOneProblemSayingWhereItBroke(byte[] json, String expected) {
        assertThat(problems(json)).singleElement().asString().startsWith(expected);
    }
}
