package dev.gridexec.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.runtime.sandbox.SandboxSettings;
import dev.gridexec.settings.InvalidSettingsException;
import dev.gridexec.wire.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreLoopbackAndSane() throws Exception {
        NodeSettings settings = NodeSettings.resolve(Map.of(), Map.of());
        assertThat(settings.cluster().host()).isEqualTo("127.0.0.1");
        assertThat(settings.cluster().port()).isEqualTo(5701);
        assertThat(settings.cluster().clusterName()).isEqualTo("gridexec");
        assertThat(settings.cluster().failureSeconds()).isEqualTo(5);
        assertThat(settings.mode()).isEqualTo(Mode.THREADS);
        assertThat(settings.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.name()).isEqualTo("node-5701");
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "workers=3\nmode=gil\nport=6000\nname=from-file\n");
        NodeSettings settings = NodeSettings.resolve(
                Map.of("config", file.toString(), "name", "from-flag"),
                Map.of("GRIDEXEC_MODE", "slots", "GRIDEXEC_NAME", "from-env", "GRIDEXEC_MEMBERS", "127.0.0.1:6001, 127.0.0.1:6002"));
        assertThat(settings.workers()).isEqualTo(3);
        assertThat(settings.cluster().port()).isEqualTo(6000);
        assertThat(settings.mode()).isEqualTo(Mode.SLOTS);
        assertThat(settings.name()).isEqualTo("from-flag");
        assertThat(settings.cluster().members()).containsExactly("127.0.0.1:6001", "127.0.0.1:6002");
    }

    @Test
    void everyBadValueIsReportedWithItsOrigin() {
        assertThatThrownBy(() -> NodeSettings.resolve(
                Map.of("workers", "zero", "port", "70000"),
                Map.of("GRIDEXEC_MODE", "fast", "GRIDEXEC_MEMBERS", "host:notaport", "GRIDEXEC_DRAIN_TIMEOUT", "-5s")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "port: must be an integer between 1 and 65535, got \"70000\" (from flag --port)",
                        "members: must be a comma-separated list of host:port, and \"host:notaport\" is not one (from environment variable GRIDEXEC_MEMBERS)",
                        "workers: must be an integer between 1 and 4096, got \"zero\" (from flag --workers)",
                        "mode: must be one of threads, slots, gil, processes, got \"fast\" (from environment variable GRIDEXEC_MODE)",
                        "drain-timeout: must be a positive duration such as 30s, 5m or PT1H, got \"-5s\" (from environment variable GRIDEXEC_DRAIN_TIMEOUT)"));
    }

    @Test
    void unknownKeysInTheFileAndAMissingFileAreErrors() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "wrokers=3\n");
        assertThatThrownBy(() -> NodeSettings.resolve(Map.of("config", file.toString()), Map.of()))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("wrokers: unknown setting in"));
        assertThatThrownBy(() -> NodeSettings.resolve(Map.of(), Map.of("GRIDEXEC_CONFIG", dir.resolve("none").toString())))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).singleElement().asString().contains("does not exist"));
    }

    @Test
    void theWarmSlotPoolHasDefaultsAndValidatedSettings() throws Exception {
        NodeSettings defaults = NodeSettings.resolve(Map.of("workers", "3"), Map.of());
        assertThat(defaults.maxIdleSlots()).isEqualTo(12);
        assertThat(defaults.slotIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.runtime().workers()).isEqualTo(3);

        NodeSettings given = NodeSettings.resolve(Map.of("max-idle-slots", "0"), Map.of("GRIDEXEC_SLOT_IDLE_TIMEOUT", "90s"));
        assertThat(given.runtime().maxIdleSlots()).isZero();
        assertThat(given.runtime().slotIdleTimeout()).isEqualTo(Duration.ofSeconds(90));

        assertThatThrownBy(() -> NodeSettings.resolve(Map.of("max-idle-slots", "-1", "slot-idle-timeout", "0s"), Map.of()))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "max-idle-slots: must be an integer between 0 and 65536, got \"-1\" (from flag --max-idle-slots)",
                        "slot-idle-timeout: must be a positive duration such as 30s, 5m or PT1H, got \"0s\" (from flag --slot-idle-timeout)"));
    }

    @Test
    void jarKernelsRunInChildProcessesByDefaultWithValidatedSandboxSettings() throws Exception {
        NodeSettings defaults = NodeSettings.resolve(Map.of("workers", "3"), Map.of());
        assertThat(defaults.runtime().sandbox()).isEqualTo(SandboxSettings.forNode(3));
        assertThat(defaults.runtime().sandbox().jars()).isTrue();
        assertThat(defaults.runtime().sandbox().heap()).isEqualTo("512m");
        assertThat(defaults.runtime().sandbox().cancelGrace()).isEqualTo(Duration.ofSeconds(1));

        NodeSettings given = NodeSettings.resolve(Map.of("sandbox", "off", "sandbox-heap", "2g", "sandbox-idle", "0"),
                Map.of("GRIDEXEC_SANDBOX_GRACE", "250ms"));
        assertThat(given.runtime().sandbox()).isEqualTo(new SandboxSettings(false, "2g", Duration.ofMillis(250), 0,
                SandboxSettings.DEFAULT_IDLE_TIMEOUT));

        assertThatThrownBy(() -> NodeSettings.resolve(Map.of("sandbox", "yes", "sandbox-heap", "lots"), Map.of()))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "sandbox: must be jars (kernels from uploaded jars run in child processes) or off, got \"yes\" (from flag --sandbox)",
                        "sandbox-heap: must be a heap size like 512m or 2g, got \"lots\" (from flag --sandbox-heap)"));
    }
}
