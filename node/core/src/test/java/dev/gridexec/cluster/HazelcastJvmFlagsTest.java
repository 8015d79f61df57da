package dev.gridexec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazelcastJvmFlagsTest {

    @Test
    void theFlagsArePairsOfAnOptionAndAModulePackage() {
        List<String> flags = HazelcastJvmFlags.list();
        assertThat(flags).hasSize(10).contains("--add-opens", "java.base/java.lang=ALL-UNNAMED");
        for (int i = 0; i < flags.size(); i += 2) {
            assertThat(flags.get(i)).isIn("--add-opens", "--add-exports");
            assertThat(flags.get(i + 1)).matches("[a-z.]+/[a-zA-Z.]+=ALL-UNNAMED");
        }
    }

    @Test
    void theTestJvmWasStartedWithTheSameFileThroughThePom() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> flags = HazelcastJvmFlags.list();
        for (int i = 0; i < flags.size(); i += 2) {
            assertThat(arguments).as("this JVM's arguments").contains(flags.get(i) + "=" + flags.get(i + 1));
        }
    }
}
