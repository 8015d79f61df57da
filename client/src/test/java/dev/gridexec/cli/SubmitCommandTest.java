package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SubmitCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The command line in-process, with no coordinator in its environment. */
    private static Cli.Run client(String... args) {
        return Cli.withoutEnvironment().run(args);
    }

    private Path task(String json) throws Exception {
        Path file = dir.resolve("task.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    /** {@code client submit OUTPUT --image PNG} of a mandelbrot task with {@code params}; it must exit 0. */
    private Cli.Run submitImaged(String output, Path png, String params) throws Exception {
        Cli.Run run = client("submit", output, "--image", png.toString(), task("{\"kernel\":\"mandelbrot\"," + params + "}").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return run;
    }

    @Test
    void submitRunsTheTaskOnTheEmbeddedDefaultAndPrintsASummary() throws Exception {
        Cli.Run run = client("submit", "-q", task("{\"kernel\":\"primes\",\"params\":{\"limit\":100000},\"chunks\":8,\"workers\":2}").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("SUCCEEDED", "{\"count\":9592}", "8 total, 8 done, 0 retried, 0 failed", "embedded-0");
    }

    @Test
    void theEmbeddedDefaultStartsNoHazelcastMember() throws Exception {
        Cli.Run run = client("submit", "-q", task("{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":1}").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(com.hazelcast.core.Hazelcast.getAllHazelcastInstances()).as("Hazelcast members in this JVM").isEmpty();
    }

    @Test
    void ctrlCCancelsTheEmbeddedJobAndExitsAtOnce() throws Exception {
        ManualInterrupts ctrlC = new ManualInterrupts();
        Cli cli = new Cli(java.util.Map.of(), ctrlC);
        Path file = task("{\"kernel\":\"sleep\",\"params\":{\"millis\":60000},\"chunks\":4,\"timeout\":\"5m\"}");

        CompletableFuture<Cli.Run> running = cli.runInBackground("submit", "-q", file.toString());
        assertThat(ctrlC.awaitRegistered(30)).as("submit is following the job").isTrue();
        ctrlC.interrupt();
        Cli.Run run = running.get(30, TimeUnit.SECONDS);

        assertThat(run.exit()).isEqualTo(Main.INTERRUPTED);
        assertThat(run.err()).contains("cancelling job ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aJarTheEmbeddedDefaultRejectsExitsTwoWithItsReason() throws Exception {
        // A zip's first bytes pass the client's own check; the embedded default then finds no kernel in it.
        Path notAJar = Files.write(dir.resolve("kernels.jar"), "PK\u0003\u0004 but no more".getBytes(StandardCharsets.ISO_8859_1));
        Cli.Run run = client("submit", "--jar", notAJar.toString(),
                task("{\"kernel\":\"com.example.Nope\",\"params\":{}}").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("did not accept", "kernels.jar").doesNotContain("\tat ");
    }

    @Test
    void jsonPrintsOnlyTheJobRecordOnStdout() throws Exception {
        Cli.Run run = client("submit", "--json", task("{\"kernel\":\"nqueens\",\"params\":{\"n\":8},\"mode\":\"slots\",\"workers\":2}").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode record = JSON.readTree(run.out());
        assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.get("result").get("solutions").asLong()).isEqualTo(92);
        assertThat(record.get("task").get("mode").asText()).isEqualTo("slots");
        assertThat(record.get("task").get("chunks").asInt()).isEqualTo(8);
        assertThat(record.get("chunks").get("total").asInt()).isEqualTo(record.get("chunks").get("done").asInt());
        assertThat(record.get("timing").has("wallMs")).isTrue();
        assertThat(record.get("timing").has("startupMs")).isTrue();
        assertThat(record.get("timing").has("computeMs")).isTrue();
        assertThat(record.get("placement")).hasSize(1);
        assertThat(record.has("error")).isFalse();
    }

    @Test
    void invalidTaskExitsTwoListingEveryProblemWithoutAStackTrace() throws Exception {
        Cli.Run run = client("submit", task("{\"kernel\":\"primes\",\"params\":{\"limit\":-5},\"workers\":0,\"colour\":1}").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("params.limit: must be between 2 and 10^12, got -5", "workers:", "colour:");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingTaskFileExitsTwoNamingIt() {
        Cli.Run run = client("submit", dir.resolve("nope.json").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("nope.json does not exist");
    }

    @Test
    void failedJobExitsOneWithTheReason() throws Exception {
        Cli.Run run = client("submit", "-q", task("{\"kernel\":\"sleep\",\"params\":{\"millis\":60000},\"chunks\":2,\"timeout\":\"200ms\"}").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED", "timeout");
    }

    @Test
    void imageWritesTheMandelbrotPicture() throws Exception {
        Path png = dir.resolve("out/m.png");
        Cli.Run run = submitImaged("-q", png, "\"params\":{\"width\":64,\"height\":48,\"maxIterations\":100}");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        assertThat(run.out()).contains("(3072 values)");
    }

    @Test
    void aResultTooLargeForItsRecordIsStillPrintedWholeAndImaged() throws Exception {
        // 200 x 200 pixel counts: about 90 KB of JSON, kept apart from the record (over 64 KiB) and fetched back
        Path png = dir.resolve("big.png");
        Cli.Run run = submitImaged("--json", png, "\"params\":{\"width\":200,\"height\":200,\"maxIterations\":20},\"chunks\":4");
        JsonNode record = JSON.readTree(run.out());
        assertThat(record.has("resultStored")).isFalse();
        assertThat(record.get("result").get("pixels")).hasSize(40_000);
        assertThat(JSON.writeValueAsBytes(record.get("result")).length).isGreaterThan(64 * 1024);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(200);
    }

    @Test
    void imageForAnotherKernelIsAUsageError() throws Exception {
        Cli.Run run = client("submit", "--image", dir.resolve("x.png").toString(),
                task("{\"kernel\":\"primes\",\"params\":{\"limit\":100}}").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--image needs the mandelbrot kernel");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(client("--help").out()).contains("submit");
        Cli.Run submitHelp = client("submit", "--help");
        assertThat(submitHelp.exit()).isZero();
        assertThat(submitHelp.out()).contains("--json", "--image", "TASK");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Run run = client();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("a command is required");
    }

    @Test
    void progressLineRendersDoneTotalAndEta() {
        String line = ProgressBar.render(new dev.gridexec.scheduler.JobProgress(16, 64, 1, 2000));
        assertThat(line).contains("16/64 chunks", " 25%", "ETA 6.0s", "1 retried");
    }
}
