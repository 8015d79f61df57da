package dev.gridexec.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import org.junit.jupiter.api.Test;

/** Which value a field takes: the task's own, else the node's default, else gridexec's built-in one. */
class TaskReaderDefaultsTest {

    private static final String MINIMAL = "{\"kernel\": \"probe\", \"params\": {\"limit\": 100}}";

    private static TaskReader reader(TaskDefaults defaults) {
        return new TaskReader(TaskReaders.PROBE_CATALOG, defaults);
    }

    @Test
    void aMinimalTaskTakesTheBuiltInDefaults() throws InvalidTaskException {
        Task task = reader(TaskDefaults.builtIn(2, 1)).read(MINIMAL);
        assertThat(task).isEqualTo(new Task(null, "probe", java.util.Map.of("limit", 100L), 8, Mode.THREADS, 2, 1, 1, 5,
                0, null, 3));
    }

    @Test
    void nodeDefaultsApplyToEveryFieldTheTaskLeavesOut() throws InvalidTaskException {
        Task task = reader(new TaskDefaults(3, Mode.SLOTS, 2, 4, 10, 7, 5)).read(MINIMAL);
        assertThat(task.workers()).isEqualTo(3);
        assertThat(task.mode()).isEqualTo(Mode.SLOTS);
        assertThat(task.nodes()).isEqualTo(2);
        assertThat(task.threadsPerSlot()).isEqualTo(4);
        assertThat(task.switchIntervalMs()).isEqualTo(10);
        assertThat(task.seed()).isEqualTo(7);
        assertThat(task.maxAttempts()).isEqualTo(5);
        assertThat(task.chunks()).as("4 x 3 workers x 2 nodes").isEqualTo(24);
        assertThat(task.timeout()).isNull();
    }

    @Test
    void fieldsInTheTaskOverrideTheNodeDefaults() throws InvalidTaskException {
        Task task = reader(new TaskDefaults(3, Mode.SLOTS, 2, 4, 10, 7, 5)).read("{\"name\": \"all set\", "
                + "\"kernel\": \"probe\", \"params\": {\"limit\": 100}, \"chunks\": 9, \"mode\": \"gil\", \"workers\": 6, "
                + "\"nodes\": 1, \"threadsPerSlot\": 2, \"switchIntervalMs\": 20, \"seed\": -3, \"timeout\": \"PT1M\", "
                + "\"maxAttempts\": 1}");
        assertThat(task).isEqualTo(new Task("all set", "probe", java.util.Map.of("limit", 100L), 9, Mode.GIL, 6, 1, 2,
                20, -3, "PT1M", 1));
    }

    @Test
    void defaultChunksFollowTheTasksOwnWorkersAndNodes() throws InvalidTaskException {
        Task task = reader(TaskDefaults.builtIn(2, 1))
                .read("{\"kernel\": \"probe\", \"params\": {\"limit\": 100}, \"workers\": 8, \"nodes\": 3}");
        assertThat(task.chunks()).isEqualTo(96);
    }

    @Test
    void defaultChunksAreCappedAtAMillion() throws InvalidTaskException {
        Task task = reader(TaskDefaults.builtIn(2, 1))
                .read("{\"kernel\": \"probe\", \"params\": {\"limit\": 100}, \"workers\": 4096, \"nodes\": 4096}");
        assertThat(task.chunks()).isEqualTo(1_000_000);
    }

    @Test
    void builtInDefaultsUseOneWorkerPerProcessorWithinBounds() {
        assertThat(TaskDefaults.builtIn(16, 3)).isEqualTo(new TaskDefaults(16, Mode.THREADS, 3, 1, 5, 0, 3));
        assertThat(TaskDefaults.builtIn(10_000, 1).workers()).isEqualTo(4096);
        assertThat(TaskDefaults.builtIn(0, 1).workers()).isEqualTo(1);
    }

    @Test
    void defaultsOutsideTheTaskBoundsAreRefused() {
        assertThatThrownBy(() -> new TaskDefaults(1, Mode.THREADS, 0, 1, 5, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default nodes must be between 1 and 4096");
        assertThatThrownBy(() -> new TaskDefaults(1, Mode.THREADS, 1, 1, 5, 0, 101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new TaskDefaults(1, null, 1, 1, 5, 0, 3)).isInstanceOf(NullPointerException.class);
    }
}
