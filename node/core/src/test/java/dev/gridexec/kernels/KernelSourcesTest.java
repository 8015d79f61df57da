package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernels' sources use nothing but the JDK and the kernel API, and stay in one package, because in
 * {@code slots} mode the runtime re-defines that package, and only that, in every slot's class loader.
 */
class KernelSourcesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/gridexec/kernels");

    /** A qualified name outside the JDK: anything under com, org, io, net, or gridexec's other packages. */
    private static final Pattern FOREIGN = Pattern.compile(
            "\\b(?:(?:com|org|io|net)\\.[a-z]\\w*\\.|dev\\.gridexec\\.(?!kernel\\.api\\.|kernels\\b))[\\w.]*");

    @Test
    void kernelsUseOnlyTheJdkAndTheKernelApi() throws IOException {
        List<Path> files = javaFiles();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Matcher matcher = FOREIGN.matcher(Files.readString(file));
            assertThat(matcher.find()).as("%s refers to %s", file.getFileName(), matcher.find(0) ? matcher.group() : "").isFalse();
        }
    }

    @Test
    void kernelsHaveNoSubpackages() throws IOException {
        try (Stream<Path> entries = Files.list(SOURCES)) {
            assertThat(entries.filter(Files::isDirectory)).isEmpty();
        }
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> entries = Files.list(SOURCES)) {
            return entries.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }
}
