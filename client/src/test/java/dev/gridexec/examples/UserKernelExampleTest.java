package dev.gridexec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.cli.Main;
import dev.gridexec.testkernels.TestJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds examples/user-kernel as its pom would (its sources compiled against the kernel API alone, its
 * resources beside them, in one jar; no Maven here: a fresh checkout's {@code mvn verify} installs nothing),
 * submits its task.json on the embedded default with {@code --jar}, and checks the price against the
 * Black–Scholes closed form.
 */
@Timeout(180)
class UserKernelExampleTest {

    /** The repository root: surefire runs in client/. */
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/user-kernel");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theExamplePricesTheCallWithinThreeStandardErrorsOfBlackScholes() throws Exception {
        byte[] jar = buildExample();
        Path jarFile = Files.write(dir.resolve("european-call.jar"), jar);
        Path task = Files.copy(EXAMPLE.resolve("task.json"), dir.resolve("task.json"));
        JsonNode params = JSON.readTree(task.toFile()).get("params");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"submit", "--json", "--quiet", "--jar", jarFile.toString(), task.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        JsonNode record = JSON.readTree(out.toString());
        assertThat(record.at("/task/kernel").asText()).isEqualTo("com.example.pricing.EuropeanCallKernel");
        assertThat(record.at("/task/artifact").asText()).isEqualTo(Artifacts.sha256(jar));
        JsonNode result = record.get("result");
        double price = result.get("price").asDouble();
        double stdError = result.get("stdError").asDouble();
        double exact = blackScholesCall(params.get("spot").asDouble(), params.get("strike").asDouble(),
                params.get("rate").asDouble(), params.get("volatility").asDouble(), params.get("maturity").asDouble());
        assertThat(result.get("paths").asLong()).isEqualTo(params.get("paths").asLong());
        assertThat(stdError).isPositive().isLessThan(0.05);
        assertThat(Math.abs(price - exact)).as("|%s - %s| in standard errors of %s", price, exact, stdError)
                .isLessThanOrEqualTo(3 * stdError);
    }

    @Test
    void theClosedFormMatchesTheTextbookValue() {
        assertThat(blackScholesCall(100, 100, 0.05, 0.2, 1)).isCloseTo(10.4506, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(normalCdf(0)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The example's jar: its classes, compiled as its pom compiles them, and its resources (META-INF/services). */
    private static byte[] buildExample() throws IOException {
        Path sources = EXAMPLE.resolve("src/main/java");
        Path resources = EXAMPLE.resolve("src/main/resources");
        Map<String, String> java = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                java.put(sources.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        Map<String, byte[]> entries = new LinkedHashMap<>(TestJars.compile(java));
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.put(resources.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        assertThat(entries).containsKey("META-INF/services/dev.gridexec.kernel.api.Kernel");
        return TestJars.jar(entries);
    }

    /** C = S·N(d1) − K·e^(−rT)·N(d2). */
    static double blackScholesCall(double spot, double strike, double rate, double volatility, double maturity) {
        double d1 = (Math.log(spot / strike) + (rate + volatility * volatility / 2) * maturity) / (volatility * Math.sqrt(maturity));
        double d2 = d1 - volatility * Math.sqrt(maturity);
        return spot * normalCdf(d1) - strike * Math.exp(-rate * maturity) * normalCdf(d2);
    }

    /** Φ(x) from erf by Abramowitz and Stegun 7.1.26 (absolute error under 1.5e-7: far below the Monte Carlo error). */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
