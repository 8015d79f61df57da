package dev.gridexec.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChildFlagsTest {

    @Test
    void aChildGetsTheNodesModuleAndJvmciFlagsButNotItsHeapOrCollector() {
        List<String> node = List.of("-Xmx2g", "-XX:+UseG1GC", "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=/opt/compiler.jar:/opt/word.jar", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Dgridexec.secret=x", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-XX:+EnableJVMCIProduct");

        assertThat(ChildPool.inherited(node)).containsExactly("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=/opt/compiler.jar:/opt/word.jar", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "--add-opens=java.base/java.lang=ALL-UNNAMED");
    }
}
