package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.remote.AgainstFakeCoordinator;
import dev.gridexec.remote.FakeCoordinator;
import dev.gridexec.remote.TestRecords;
import dev.gridexec.testkernels.TestJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code client submit --jar} and a task's {@code "jar"} field, against a scripted coordinator. */
@Timeout(60)
class JarSubmitTest extends AgainstFakeCoordinator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] JAR = TestJars.testKernels();
    private static final String SHA = Artifacts.sha256(JAR);

    @TempDir
    Path dir;

    private Path write(String relative, byte[] bytes) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private Path task(String json) throws Exception {
        return write("job/task.json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts that the run exited 2 having sent the coordinator nothing; returns an assertion on what it printed to stderr. */
    private AbstractStringAssert<?> refusedSendingNothing(Cli.Run run) {
        assertThat(run.exit()).isEqualTo(2);
        assertThat(fake.requests()).isEmpty();
        return assertThat(run.err());
    }

    private Cli.Run submit(Path task, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("submit", "--coordinator", fake.url(), "--detach"));
        args.addAll(List.of(options));
        args.add(task.toString());
        return Cli.withoutEnvironment().run(args.toArray(String[]::new));
    }

    private void acceptsTheJarAndTheJob() {
        fake.answer("POST", "/artifacts", 201, Map.of("sha256", SHA, "size", JAR.length))
                .answer("POST", "/jobs", 202, TestRecords.queued("j1"));
    }

    @Test
    void theTasksJarIsFoundBesideTheTaskFileUploadedFirstAndSentAsItsArtifact() throws Exception {
        write("job/lib/kernels.jar", JAR);
        Path task = task("{\"kernel\":\"TokenKernel\",\"jar\":\"lib/kernels.jar\",\"params\":{\"millis\":1E+400,\"x\":0.10},\"chunks\":2}");
        acceptsTheJarAndTheJob();

        Cli.Run run = submit(task);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("uploaded " + dir.resolve("job/lib/kernels.jar") + " (" + JAR.length + " bytes, sha256 " + SHA + ")");
        List<FakeCoordinator.Request> requests = fake.requests();
        assertThat(requests).extracting(FakeCoordinator.Request::rawPath).containsExactly("/artifacts", "/jobs");
        assertThat(requests.get(0).body()).isEqualTo(JAR);
        JsonNode sent = JSON.readTree(requests.get(1).body());
        assertThat(sent.has("jar")).isFalse();
        assertThat(sent.get("artifact").asText()).isEqualTo(SHA);
        assertThat(requests.get(1).bodyText()).as("numbers go as written").contains("\"millis\":1E+400", "\"x\":0.10");
    }

    @Test
    void theJarOptionWinsOverTheTasksField() throws Exception {
        Path jar = write("elsewhere/other.jar", JAR);
        Path task = task("{\"kernel\":\"TokenKernel\",\"jar\":\"not-built-yet.jar\"}");
        acceptsTheJarAndTheJob();

        Cli.Run run = submit(task, "--jar", jar.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(fake.requests().get(0).body()).isEqualTo(JAR);
        assertThat(JSON.readTree(fake.requests().get(1).body()).has("jar")).isFalse();
    }

    @Test
    void aJarTheCoordinatorRejectsExitsTwoWithItsReasonAndNoJobIsSent() throws Exception {
        Path notAJar = write("job/notes.jar", "PK\u0003\u0004 but no more".getBytes(StandardCharsets.ISO_8859_1));
        fake.answer("POST", "/artifacts", 400, Map.of("errors", List.of(Map.of("path", "$",
                "message", "not a jar (a zip archive): zip END header not found"))));

        Cli.Run run = submit(task("{\"kernel\":\"TokenKernel\"}"), "--jar", notAJar.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: the coordinator did not accept " + notAJar + ":",
                "  $: not a jar (a zip archive): zip END header not found").doesNotContain("\tat ");
        assertThat(fake.requests()).extracting(FakeCoordinator.Request::rawPath).containsExactly("/artifacts");
    }

    @Test
    void aMissingJarExitsTwoNamingItAndSendsNothing() throws Exception {
        Cli.Run run = submit(task("{\"kernel\":\"TokenKernel\",\"jar\":\"target/kernels.jar\"}"));

        refusedSendingNothing(run).contains("error: jar " + dir.resolve("job/target/kernels.jar") + " does not exist (build it first?)");
    }

    @Test
    void aTaskNamingAnArtifactAndAJarIsAUsageError() throws Exception {
        write("job/k.jar", JAR);
        Cli.Run run = submit(task("{\"kernel\":\"TokenKernel\",\"jar\":\"k.jar\",\"artifact\":\"" + SHA + "\"}"));

        refusedSendingNothing(run).contains("names an artifact and there is a jar to upload: give one of them");
    }

    @Test
    void aJarFieldLeadingOutOfTheTaskFolderExitsTwoNamingJarAndSendsNothing() throws Exception {
        write("secret.jar", JAR);

        Cli.Run run = submit(task("{\"kernel\":\"TokenKernel\",\"jar\":\"../secret.jar\"}"));

        refusedSendingNothing(run).contains("jar '../secret.jar' leads out of the task file's folder").doesNotContain("\tat ");
    }

    @Test
    void aJarFieldThatIsALinkOutOfTheTaskFolderExitsTwoNamingJar() throws Exception {
        Path outside = write("elsewhere/k.jar", JAR);
        Path task = task("{\"kernel\":\"TokenKernel\",\"jar\":\"k.jar\"}");
        Files.createSymbolicLink(dir.resolve("job/k.jar"), outside);

        Cli.Run run = submit(task);

        refusedSendingNothing(run).contains("jar 'k.jar' leads out of the task file's folder", "it is a link to");
    }

    @Test
    void aFileThatIsNotAZipIsRefusedAsAJarBeforeAnythingIsSent() throws Exception {
        write("job/passwd", "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.UTF_8));

        Cli.Run run = submit(task("{\"kernel\":\"TokenKernel\",\"jar\":\"passwd\"}"));

        refusedSendingNothing(run).contains("jar " + dir.resolve("job/passwd") + " is not a jar");
    }

    @Test
    void aTaskFileLinkedToAnEndlessFileExitsTwoBeforeReadingItWhole() throws Exception {
        Path zero = Path.of("/dev/zero");
        dev.gridexec.testsupport.UnderCi.require(Files.isReadable(zero), "needs /dev/zero");
        Path task = Files.createSymbolicLink(dir.resolve("endless.json"), zero);

        Cli.Run run = submit(task);

        refusedSendingNothing(run).contains("task file " + task + " is larger than the coordinator's limit of 1048576 bytes")
                .doesNotContain("OutOfMemoryError", "\tat ");
    }

    @Test
    void aTaskFileOverTheLimitSetInTheEnvironmentIsRefused() throws Exception {
        Path task = task("{\"kernel\":\"primes\",\"params\":{\"limit\":100}," + " ".repeat(200) + "\"chunks\":2}");

        Cli.Run run = new Cli(Map.of(TaskFiles.MAX_BODY_ENV, "100"), new ManualInterrupts())
                .run("submit", "--coordinator", fake.url(), "--detach", task.toString());

        refusedSendingNothing(run).contains("is larger than the coordinator's limit of 100 bytes", TaskFiles.MAX_BODY_ENV);
    }
}
