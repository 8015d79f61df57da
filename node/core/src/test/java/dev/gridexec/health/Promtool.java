package dev.gridexec.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.testsupport.UnderCi;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool check metrics} (Debian's {@code prometheus} package) on a scrape. Outside CI a machine
 * without promtool skips the check; under {@code CI=true} a missing promtool fails it (.ci/run installs it).
 */
public final class Promtool {

    private Promtool() {
    }

    /** Asserts that promtool finds no problem in {@code scrape}. */
    public static void assertValid(String scrape) throws IOException, InterruptedException {
        Path promtool = find();
        UnderCi.require(promtool != null, "promtool is not installed (apt-get install prometheus)");
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool check metrics said:%n%s", out).isZero();
    }

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
