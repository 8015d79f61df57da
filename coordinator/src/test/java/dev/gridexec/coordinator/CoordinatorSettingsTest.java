package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gridexec.settings.InvalidSettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinatorSettingsTest {

    @Test
    void theArtifactLimitIs64MibUnlessSetAndFlagsWinOverTheEnvironment() throws Exception {
        assertThat(CoordinatorSettings.resolve(Map.of(), Map.of()).maxArtifactBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(CoordinatorSettings.resolve(Map.of(), Map.of("GRIDEXEC_MAX_ARTIFACT_BYTES", "2048")).maxArtifactBytes())
                .isEqualTo(2048);
        assertThat(CoordinatorSettings.resolve(Map.of("max-artifact-bytes", "4096"), Map.of("GRIDEXEC_MAX_ARTIFACT_BYTES", "2048"))
                .maxArtifactBytes()).isEqualTo(4096);
    }

    @Test
    void anArtifactLimitOutOfRangeIsReported() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> CoordinatorSettings.resolve(Map.of("max-artifact-bytes", "10"), Map.of()));
        assertThat(e).isNotNull();
        assertThat(String.join("\n", e.problems().stream().map(String::valueOf).toList()))
                .contains("max-artifact-bytes", "must be an integer between 1024 and 1073741824");
    }
}
