package dev.gridexec.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import org.junit.jupiter.api.Test;

class WireNamedTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void modesAndIsolationsAreNamedInLowerCase() {
        assertThat(Mode.PROCESSES.wireName()).isEqualTo("processes");
        assertThat(Isolation.KERNEL.wireName()).isEqualTo("kernel");
        assertThat(Mode.fromWireName("gil")).contains(Mode.GIL);
        assertThat(Isolation.fromWireName("job")).contains(Isolation.JOB);
        assertThat(Mode.fromWireName("GIL")).isEmpty();
        assertThat(Isolation.fromWireName("slots")).isEmpty();
    }

    @Test
    void jsonWritesAndReadsTheWireName() throws Exception {
        assertThat(json.writeValueAsString(Mode.SLOTS)).isEqualTo("\"slots\"");
        assertThat(json.writeValueAsString(Isolation.JOB)).isEqualTo("\"job\"");
        assertThat(json.readValue("\"threads\"", Mode.class)).isEqualTo(Mode.THREADS);
        assertThat(json.readValue("\"kernel\"", Isolation.class)).isEqualTo(Isolation.KERNEL);
    }
}
