package dev.gridexec.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Readers and assertions the task tests share. */
final class TaskReaders {

    /** The built-in catalog plus the params probe as "probe". */
    static final KernelCatalog PROBE_CATALOG = KernelCatalog.builtIn().with("probe", ParamsProbeKernel.class);

    /** A reader on a 2-processor, 1-node machine with the probe registered. */
    static final TaskReader READER = new TaskReader(PROBE_CATALOG, TaskDefaults.builtIn(2, 1));

    private TaskReaders() {
    }

    /** Every problem {@link #READER} finds in {@code json}; fails when it accepts the document. */
    static List<Problem> problems(String json) {
        return problems(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<Problem> problems(byte[] json) {
        InvalidTaskException e = catchThrowableOfType(InvalidTaskException.class, () -> READER.read(json));
        assertThat(e).as("rejection of %s", new String(json, StandardCharsets.UTF_8)).isNotNull();
        return e.problems();
    }

    /** Asserts that {@code json} has exactly one problem, at {@code path}, whose message holds {@code fragment}. */
    static Problem assertOneProblem(String json, String path, String fragment) {
        return assertOneProblem(json.getBytes(StandardCharsets.UTF_8), path, fragment);
    }

    static Problem assertOneProblem(byte[] json, String path, String fragment) {
        List<Problem> problems = problems(json);
        assertThat(problems).as("problems").hasSize(1);
        Problem problem = problems.get(0);
        assertThat(problem.path()).as("path of %s", problem).isEqualTo(path);
        assertThat(problem.message()).as("message of %s", problem).contains(fragment).doesNotContain("Exception", "\n\tat ");
        return problem;
    }
}
