package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cli.Cli.Run;
import dev.gridexec.embedded.EmbeddedCluster;
import dev.gridexec.experiment.NodeProcesses;
import dev.gridexec.testsupport.UnderCi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client experiment} as a user runs it. The tests that write reports (named ...Writes... and ...Warning...)
 * need the reporters of dev.gridexec.report.
 */
@Timeout(120)
class ExperimentCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SMALL_TASK = "\"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": 100000}, \"chunks\": 8}";

    @TempDir
    Path dir;

    private static Run client(String... args) {
        return Cli.inThisProcessEnvironment(args);
    }

    private Path spec(String json) throws Exception {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    @AfterEach
    void noNodeProcessIsLeft() {
        assertThat(NodeProcesses.left()).isEmpty();
    }

    @Test
    void anInvalidSpecExitsTwoListingEveryProblemWithItsPathAndStartsNothing() throws Exception {
        Run run = client("experiment", spec("{\"name\": \"a b\", \"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": -5}},"
                + " \"modes\": [\"node-processes\"], \"nodes\": [1], \"workers\": [0]}").toString(), "--out", dir.resolve("out").toString());
        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("spec.json is not a valid experiment:", "  name: must be 1 to 100",
                "  task.params.limit: must be between 2 and 10^12, got -5", "  modes[0]: must be one of",
                "  workers[0]: must be between 1 and 4096, got 0").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingSpecFileExitsTwoNamingIt() {
        Run run = client("experiment", dir.resolve("nope.json").toString());
        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("nope.json does not exist");
    }

    @Test
    void aClusterSpecWithoutACoordinatorExitsTwoSayingHowToGiveOne() throws Exception {
        UnderCi.require(System.getenv(ExperimentCommand.ENV) == null,
                ExperimentCommand.ENV + " is set: a spec without a coordinator cannot be tried");
        Run run = client("experiment", spec("{\"name\": \"c\", " + SMALL_TASK + ", \"modes\": [\"gil\"], \"nodes\": [1],"
                + " \"workers\": [1], \"local\": false}").toString());
        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("(\"local\": false): pass --coordinator URL or set GRIDEXEC_COORDINATOR");
    }

    @Test
    void aCoordinatorWithALocalSpecExitsTwo() throws Exception {
        Run run = client("experiment", spec("{\"name\": \"c\", " + SMALL_TASK + ", \"modes\": [\"gil\"], \"nodes\": [1],"
                + " \"workers\": [1]}").toString(), "--coordinator", "http://127.0.0.1:1");
        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("--coordinator needs a spec with \"local\": false");
    }

    @Test
    void anUnreachableCoordinatorExitsThreeNamingItBeforeWritingAnything() throws Exception {
        Run run = client("experiment", spec("{\"name\": \"c\", " + SMALL_TASK + ", \"modes\": [\"gil\"], \"nodes\": [1],"
                + " \"workers\": [1], \"local\": false}").toString(), "--coordinator", "http://127.0.0.1:1",
                "--out", dir.resolve("out").toString());
        assertThat(run.exit()).isEqualTo(Main.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach the coordinator at http://127.0.0.1:1");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void helpDescribesTheSpecTheOutputsAndTheExitCodes() {
        Run run = client("experiment", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("SPEC", "--out", "--coordinator", "--json", "docs/experiment.schema.json",
                "1   a run failed", "3   the coordinator cannot be reached");
    }

    /** Needs the reporters. */
    @Test
    @Timeout(90)
    void aLocalExperimentWritesEveryReportFileThatParsesAndStopsEveryProcessItStarted() throws Exception {
        Path out = dir.resolve("out/nested");
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // a decimal comma: the files must still use '.'
        Run run;
        try {
            run = client("experiment", spec("{\"name\": \"e2e\", " + SMALL_TASK + ", \"runs\": ["
                    + "{\"mode\": \"gil\", \"nodes\": [1], \"workers\": [1, 2]}, {\"mode\": \"slots\", \"nodes\": [1], \"workers\": [1, 2]},"
                    + " {\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1, 2]},"
                    + " {\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1], \"label\": \"node-processes\"}],"
                    + " \"repeats\": 2, \"warmup\": 1}").toString(), "--out", out.toString());
        } finally {
            Locale.setDefault(before);
        }
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("[24/24] ", "wrote " + out);
        List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
        assertThat(runs.get(0)).isEqualTo("label,mode,nodes,workers,totalWorkers,phase,repeat,wallMs,computeMs,overheadMs,"
                + "startupMs,chunks,retried");
        assertThat(runs).hasSize(1 + 8 * 3);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary.get(0)).isEqualTo("label,mode,nodes,workers,totalWorkers,medianWallMs,speedup,speedupVsBest1,"
                + "efficiency,karpFlatt,cv");
        assertThat(summary).hasSize(1 + 8);
        for (String row : summary.subList(1, summary.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(11);
            assertThat(cells[1]).isIn("gil", "slots", "threads");
            assertThat(Double.parseDouble(cells[5])).isPositive();
            assertThat(Double.parseDouble(cells[6])).isPositive();
        }
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.toString()).contains("\"e2e\"", System.getProperty("java.vm.name"));
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("report.svg").toFile())
                .getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(Files.readString(out.resolve("report.md"))).contains("|", "node-processes");
        assertThat(run.out()).contains("node-processes", "gil", "slots", "threads");
        assertThat(out.resolve("logs/node-1.log")).exists();
    }

    /** Needs the reporters. */
    @Test
    void aClusterExperimentShowsConfigurationsNeedingMoreNodesThanThereAreAsWarningRows() throws Exception {
        Path out = dir.resolve("out");
        Run run;
        try (EmbeddedCluster cluster = EmbeddedCluster.start(KernelCatalog.builtIn())) {
            run = client("experiment", spec("{\"name\": \"c\", " + SMALL_TASK + ", \"modes\": [\"threads\"], \"nodes\": [1, 2],"
                    + " \"workers\": [1], \"repeats\": 1, \"warmup\": 0, \"local\": false}").toString(),
                    "--coordinator", cluster.url(), "--out", out.toString());
        }
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("WARNING");
        assertThat(Files.readAllLines(out.resolve("runs.csv"))).as("a header and the one run of nodes=1").hasSize(2);
        assertThat(Files.readAllLines(out.resolve("summary.csv")).get(0)).startsWith("label,mode,nodes,workers,");
    }
}
