package dev.gridexec.python.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The copy the python container image makes of GraalPy's resources at build time. */
@Timeout(120)
class ResourceCopyTest {

    @Test
    void copiesThePythonHomeWithItsStandardLibrary(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("resources");

        ResourceCopy.copy(target);

        try (Stream<Path> files = Files.walk(target.resolve("python"))) {
            assertThat(files.map(path -> path.getFileName().toString())).contains("json", "types.py", "traceback.py");
        }
    }
}
