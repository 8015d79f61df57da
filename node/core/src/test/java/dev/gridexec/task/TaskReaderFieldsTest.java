package dev.gridexec.task;

import static dev.gridexec.task.TaskReaders.READER;
import static dev.gridexec.task.TaskReaders.assertOneProblem;
import static dev.gridexec.task.TaskReaders.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fields of a readable document that are wrong, and what the reader says about them. */
class TaskReaderFieldsTest {

    private static final String KNOWN_KERNELS = "known: primes, pi, nqueens, mandelbrot, matmul, collatz, sleep, spin, probe";

    /** A valid probe task with {@code extra} (a JSON fragment, "" for none) added to its fields. */
    private static String task(String extra) {
        return "{\"kernel\": \"probe\", \"params\": {\"limit\": 100}" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a missing kernel is required, the known ones listed | {\"workers\": 2} | kernel | is required; " + KNOWN_KERNELS,
        "an unknown kernel is rejected, the known ones listed | {\"kernel\": \"foo\"} | kernel | unknown kernel \"foo\"; " + KNOWN_KERNELS,
        "a kernel that is a number is rejected | {\"kernel\": 42} | kernel | must be a string naming a kernel, got 42; known: primes",
        "a null kernel is rejected | {\"kernel\": null} | kernel | must be a string naming a kernel, got null",
        "the params of an unknown kernel are not checked | {\"kernel\": \"foo\", \"params\": {\"whatever\": 1}} | kernel | unknown kernel",
        "null params are rejected | {\"kernel\": \"probe\", \"params\": null} | params | must be a JSON object, got null",
        "params that are not an object are rejected | {\"kernel\": \"probe\", \"params\": [100]} | params | must be a JSON object, got an array",
        "a problem with the params as a whole has the path params"
                + " | {\"kernel\": \"probe\", \"params\": {\"limit\": 3, \"method\": \"sieve\"}} | params | method \"sieve\" cannot take limit 3",
        "an unread param is an unknown parameter"
                + " | {\"kernel\": \"probe\", \"params\": {\"limit\": 10, \"limt\": 10}} | params.limt | unknown parameter",
    })
    void aDocumentWithOneWrongThingHasOneProblemAtItsPath(String why, String json, String path, String message) {
        assertOneProblem(json, path, message);
    }

    /** Each row adds {@code field} (a JSON fragment) to a valid task. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unknown field is rejected, the known ones listed | \"foo\": 1 | foo | unknown field; known: kernel, artifact, params,"
                + " chunks, mode, workers, nodes, threadsPerSlot, switchIntervalMs, seed, timeout, maxAttempts, name",
        "field names are case-sensitive | \"Workers\": 2 | Workers | unknown field",
        "a string for an integer names the range | \"workers\": \"two\" | workers | must be an integer between 1 and 4096, got \"two\"",
        "an array for an integer names the range | \"chunks\": [4] | chunks | must be an integer between 1 and 10^6, got an array",
        "a boolean for an integer names the range | \"seed\": true | seed | must be an integer between",
        "a number that overflows a long is out of range | \"workers\": 99999999999999999999 | workers"
                + " | must be between 1 and 4096, got 99999999999999999999",
        "a seed just past a long is out of range | \"seed\": 9223372036854775808 | seed"
                + " | must be between -9223372036854775808 and 9223372036854775807, got 9223372036854775808",
        "a fraction is not an integer | \"workers\": 2.5 | workers | must be an integer between 1 and 4096, got 2.5",
        "an enormous exponent is out of range | \"chunks\": 1e400 | chunks | must be between 1 and 10^6, got 1E+400",
        "a huge exponent is out of range | \"chunks\": 1e400000000 | chunks | must be between 1 and 10^6, got 1E+400000000",
        "null workers are rejected | \"workers\": null | workers | must be an integer between 1 and 4096, got null",
        "a null mode is rejected | \"mode\": null | mode | must be one of \"threads\", \"slots\", \"gil\", \"processes\", got null",
        "a null name is rejected | \"name\": null | name | must be a string of 1 to 200 characters, got null",
        "a null timeout is rejected | \"timeout\": null | timeout | got null; leave the field out for no timeout",
        "an unknown mode lists the modes | \"mode\": \"fast\" | mode"
                + " | must be one of \"threads\", \"slots\", \"gil\", \"processes\", got \"fast\"",
        "modes are lower case | \"mode\": \"GIL\" | mode | got \"GIL\"",
        "an empty name is rejected | \"name\": \"\" | name | got an empty string",
        "a number for a name is rejected | \"name\": 7 | name | must be a string of 1 to 200 characters, got 7",
        "chunks 0 is out of range | \"chunks\": 0 | chunks | must be between 1 and 10^6, got 0",
        "chunks 1000001 is out of range | \"chunks\": 1000001 | chunks | must be between 1 and 10^6, got 1000001",
        "workers 0 is out of range | \"workers\": 0 | workers | must be between 1 and 4096, got 0",
        "workers 4097 is out of range | \"workers\": 4097 | workers | must be between 1 and 4096, got 4097",
        "nodes -1 is out of range | \"nodes\": -1 | nodes | must be between 1 and 4096, got -1",
        "threadsPerSlot 257 is out of range | \"threadsPerSlot\": 257 | threadsPerSlot | must be between 1 and 256, got 257",
        "switchIntervalMs 0 is out of range | \"switchIntervalMs\": 0 | switchIntervalMs | must be between 1 and 60000, got 0",
        "switchIntervalMs 60001 is out of range | \"switchIntervalMs\": 60001 | switchIntervalMs | must be between 1 and 60000, got 60001",
        "maxAttempts 101 is out of range | \"maxAttempts\": 101 | maxAttempts | must be between 1 and 100, got 101",
        "maxAttempts 0 is out of range | \"maxAttempts\": 0 | maxAttempts | must be between 1 and 100, got 0",
    })
    void aTaskWithOneWrongFieldHasOneProblemAtItsPath(String why, String field, String path, String message) {
        assertOneProblem(task(field), path, message);
    }

    @Test
    void integralDecimalsAreAcceptedForIntegersAsParamReaderAcceptsThem() throws InvalidTaskException {
        Task task = READER.read(task("\"chunks\": 5e2, \"workers\": 4.0, \"seed\": -1E1"));
        assertThat(task.chunks()).isEqualTo(500);
        assertThat(task.workers()).isEqualTo(4);
        assertThat(task.seed()).isEqualTo(-10);
    }

    @Test
    void theSeedTakesAnyLong() throws InvalidTaskException {
        assertThat(READER.read(task("\"seed\": -9223372036854775808")).seed()).isEqualTo(Long.MIN_VALUE);
        assertThat(READER.read(task("\"seed\": 9223372036854775807")).seed()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aNameLongerThan200CharactersIsRejected() {
        assertOneProblem(task("\"name\": \"" + "x".repeat(201) + "\""), "name", "got a string of 201 characters");
    }

    @Test
    void aNameIsMeasuredInCharactersNotBytes() throws InvalidTaskException {
        String name = "\uD83D\uDE80".repeat(200);
        assertThat(READER.read(task("\"name\": \"" + name + "\"")).name()).isEqualTo(name);
    }

    @Test
    void theKernelsParamProblemsArePrefixedWithParams() {
        assertOneProblem("{\"kernel\": \"probe\"}", "params.limit", "is required: an integer between 2 and 10^12");
        assertOneProblem("{\"kernel\": \"probe\", \"params\": {\"limit\": 1}}", "params.limit",
                "must be between 2 and 10^12, got 1");
        assertOneProblem("{\"kernel\": \"probe\", \"params\": {\"limit\": 10, \"method\": \"magic\"}}", "params.method",
                "must be one of \"trial\", \"sieve\", got \"magic\"");
    }

    @Test
    void allProblemsAreReportedAtOnceInDocumentOrder() {
        List<Problem> problems = problems("{\"workers\": \"two\", \"foo\": 1, \"kernel\": \"nope\"}");
        assertThat(problems).extracting(Problem::path).containsExactly("workers", "foo", "kernel");
    }

    @Test
    void problemsInsideParamsAreOrderedAsTheParamsAreWritten() {
        List<Problem> problems = problems("{\"chunks\": 0, \"kernel\": \"probe\", "
                + "\"params\": {\"extra\": 1, \"method\": \"x\", \"limit\": 0}, \"timeout\": \"soon\"}");
        assertThat(problems).extracting(Problem::path, Problem::message).containsExactly(
                tuple("chunks", "must be between 1 and 10^6, got 0"),
                tuple("params.extra", "unknown parameter"),
                tuple("params.method", "must be one of \"trial\", \"sieve\", got \"x\""),
                tuple("params.limit", "must be between 2 and 10^12, got 0"),
                tuple("timeout", "must be a duration such as \"PT10M\" or \"30s\", at most 30 days, got \"soon\""));
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        InvalidTaskException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidTaskException.class,
                () -> READER.read("{\"kernel\": \"probe\", \"workers\": 0, \"nodes\": 0}"));
        assertThat(e.getMessage()).as("problems about absent fields come last").isEqualTo(
                "workers: must be between 1 and 4096, got 0; nodes: must be between 1 and 4096, got 0; "
                + "params.limit: is required: an integer between 2 and 10^12");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "30d, PT720H",
        "PT10M, PT10M", "P1DT2H, PT26H", "PT0.25S, PT0.25S", "PT90M, PT1H30M", "1ms, PT0.001S",
    })
    void shorthandAndIsoTimeoutsAreNormalisedToIso8601(String written, String normalised) throws InvalidTaskException {
        Task task = READER.read(task("\"timeout\": \"" + written + "\""));
        assertThat(task.timeout()).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"0s\"              | must be longer than zero, got \"0s\"",
        "\"PT0S\"            | must be longer than zero",
        "\"31d\"             | must be at most 30 days, got \"31d\"",
        "\"PT720H0.001S\"    | must be at most 30 days",
        "\"99999999999999999999d\" | must be a duration such as",
        "\"999999999999999999d\" | must be at most 30 days",
        "\"PT9999999999999999999H\" | must be at most 30 days",
        "\"ten minutes\"     | must be a duration such as \"PT10M\" or \"30s\", at most 30 days, got \"ten minutes\"",
        "\"-PT1S\"           | must be a duration such as",
        "\"PT\"              | must be a duration such as",
        "\"10M\"             | must be a duration such as",
        "\"1.5h\"            | must be a duration such as",
        "30                  | must be a duration such as \"PT10M\" or \"30s\", at most 30 days, got 30",
    })
    void badTimeoutsAreRejected(String value, String message) {
        assertOneProblem(task("\"timeout\": " + value), "timeout", message);
    }

    @Test
    void paramsKeepTheirOrderAndJsonTypes() throws InvalidTaskException {
        Task task = READER.read("{\"kernel\": \"probe\", \"params\": {\"method\": \"sieve\", \"limit\": 5e6}}");
        assertThat(task.params()).containsExactly(
                org.assertj.core.api.Assertions.entry("method", "sieve"),
                org.assertj.core.api.Assertions.entry("limit", new BigDecimal("5e6")));
    }
}
