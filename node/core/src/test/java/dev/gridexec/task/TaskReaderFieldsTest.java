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

    @Test
    void aMissingKernelIsRequiredWithTheKnownKernelsListed() {
        assertOneProblem("{\"workers\": 2}", "kernel", "is required; " + KNOWN_KERNELS);
    }

    @Test
    void anUnknownKernelIsRejectedWithTheKnownKernelsListed() {
        assertOneProblem("{\"kernel\": \"foo\"}", "kernel", "unknown kernel \"foo\"; " + KNOWN_KERNELS);
    }

    @Test
    void aKernelThatIsNotAStringIsRejected() {
        assertOneProblem("{\"kernel\": 42}", "kernel", "must be a string naming a kernel, got 42; known: primes");
        assertOneProblem("{\"kernel\": null}", "kernel", "must be a string naming a kernel, got null");
    }

    @Test
    void paramsOfAnUnknownKernelAreNotChecked() {
        assertOneProblem("{\"kernel\": \"foo\", \"params\": {\"whatever\": 1}}", "kernel", "unknown kernel");
    }

    @Test
    void unknownFieldIsRejectedWithTheKnownFieldsListed() {
        assertOneProblem(task("\"foo\": 1"), "foo", "unknown field; known: kernel, artifact, params, chunks, mode, workers, nodes, "
                + "threadsPerSlot, switchIntervalMs, seed, timeout, maxAttempts, name");
    }

    @Test
    void fieldNamesAreCaseSensitive() {
        assertOneProblem(task("\"Workers\": 2"), "Workers", "unknown field");
    }

    @Test
    void aWrongTypeIsRejectedWithTheRangeAndWhatWasGiven() {
        assertOneProblem(task("\"workers\": \"two\""), "workers", "must be an integer between 1 and 4096, got \"two\"");
        assertOneProblem(task("\"chunks\": [4]"), "chunks", "must be an integer between 1 and 10^6, got an array");
        assertOneProblem(task("\"seed\": true"), "seed", "must be an integer between");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "chunks           | 0        | must be between 1 and 10^6, got 0",
        "chunks           | 1000001  | must be between 1 and 10^6, got 1000001",
        "workers          | 0        | must be between 1 and 4096, got 0",
        "workers          | 4097     | must be between 1 and 4096, got 4097",
        "nodes            | -1       | must be between 1 and 4096, got -1",
        "threadsPerSlot   | 257      | must be between 1 and 256, got 257",
        "switchIntervalMs | 0        | must be between 1 and 60000, got 0",
        "switchIntervalMs | 60001    | must be between 1 and 60000, got 60001",
        "maxAttempts      | 101      | must be between 1 and 100, got 101",
        "maxAttempts      | 0        | must be between 1 and 100, got 0",
    })
    void outOfRangeNumbersAreRejectedWithTheirBounds(String field, String value, String message) {
        assertOneProblem(task("\"" + field + "\": " + value), field, message);
    }

    @Test
    void aNumberThatOverflowsALongIsRejected() {
        assertOneProblem(task("\"workers\": 99999999999999999999"), "workers",
                "must be between 1 and 4096, got 99999999999999999999");
        assertOneProblem(task("\"seed\": 9223372036854775808"), "seed",
                "must be between -9223372036854775808 and 9223372036854775807, got 9223372036854775808");
    }

    @Test
    void aFractionIsNotAnInteger() {
        assertOneProblem(task("\"workers\": 2.5"), "workers", "must be an integer between 1 and 4096, got 2.5");
    }

    @Test
    void anEnormousExponentIsOutOfRange() {
        assertOneProblem(task("\"chunks\": 1e400"), "chunks", "must be between 1 and 10^6, got 1E+400");
        assertOneProblem(task("\"chunks\": 1e400000000"), "chunks", "must be between 1 and 10^6, got 1E+400000000");
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
    void nullIsRejectedForEveryTypedField() {
        assertOneProblem(task("\"workers\": null"), "workers", "must be an integer between 1 and 4096, got null");
        assertOneProblem(task("\"mode\": null"), "mode", "must be one of \"threads\", \"slots\", \"gil\", \"processes\", got null");
        assertOneProblem(task("\"name\": null"), "name", "must be a string of 1 to 200 characters, got null");
        assertOneProblem(task("\"timeout\": null"), "timeout", "got null; leave the field out for no timeout");
        assertOneProblem("{\"kernel\": \"probe\", \"params\": null}", "params", "must be a JSON object, got null");
    }

    @Test
    void anUnknownModeIsRejectedWithTheModesListed() {
        assertOneProblem(task("\"mode\": \"fast\""), "mode", "must be one of \"threads\", \"slots\", \"gil\", \"processes\", got \"fast\"");
        assertOneProblem(task("\"mode\": \"GIL\""), "mode", "got \"GIL\"");
    }

    @Test
    void aNameLongerThan200CharactersIsRejected() {
        assertOneProblem(task("\"name\": \"" + "x".repeat(201) + "\""), "name", "got a string of 201 characters");
        assertOneProblem(task("\"name\": \"\""), "name", "got an empty string");
        assertOneProblem(task("\"name\": 7"), "name", "must be a string of 1 to 200 characters, got 7");
    }

    @Test
    void aNameIsMeasuredInCharactersNotBytes() throws InvalidTaskException {
        String name = "\uD83D\uDE80".repeat(200);
        assertThat(READER.read(task("\"name\": \"" + name + "\"")).name()).isEqualTo(name);
    }

    @Test
    void paramsThatAreNotAnObjectAreRejected() {
        assertOneProblem("{\"kernel\": \"probe\", \"params\": [100]}", "params", "must be a JSON object, got an array");
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
    void aProblemWithTheParamsAsAWholeHasThePathParams() {
        assertOneProblem("{\"kernel\": \"probe\", \"params\": {\"limit\": 3, \"method\": \"sieve\"}}", "params",
                "method \"sieve\" cannot take limit 3");
    }

    @Test
    void anUnreadParamIsAnUnknownParameter() {
        assertOneProblem("{\"kernel\": \"probe\", \"params\": {\"limit\": 10, \"limt\": 10}}", "params.limt",
                "unknown parameter");
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
