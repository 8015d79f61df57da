package dev.gridexec.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.settings.InvalidSettingsException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A process's main: invalid settings and a refused start end it with their exit codes, saying why; nothing starts. */
class ProcessLaunchTest {

    private final StringWriter reported = new StringWriter();
    private final PrintWriter err = new PrintWriter(reported, true);

    @Test
    void invalidSettingsAreReportedAndExitWith2WithoutStarting() throws Exception {
        int code = ProcessLaunch.run("node", err, () -> {
            throw new InvalidSettingsException(List.of("workers: must be at least 1"));
        }, settings -> {
            throw new AssertionError("started with invalid settings");
        }, IllegalStateException.class, 1, process -> { });
        assertThat(code).isEqualTo(2);
        assertThat(reported.toString()).contains("invalid node settings", "workers: must be at least 1");
    }

    @Test
    void aRefusedStartIsReportedAndExitsWithTheCodeTheProcessNames() throws Exception {
        int code = ProcessLaunch.run("coordinator", err, () -> "settings", settings -> {
            throw new IllegalStateException("port 8080 is taken");
        }, IllegalStateException.class, 1, process -> {
            throw new AssertionError("told of a process that did not start");
        });
        assertThat(code).isEqualTo(1);
        assertThat(reported.toString()).contains("error: port 8080 is taken");
    }

    @Test
    void aStartFailingOtherwiseGoesOnUp() {
        assertThatThrownBy(() -> ProcessLaunch.run("node", err, () -> "settings", settings -> {
            throw new IllegalArgumentException("a bug");
        }, IllegalStateException.class, 2, process -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
