package dev.gridexec.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.api.ApiToken;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.coordinator.CoordinatorProcess;
import dev.gridexec.coordinator.CoordinatorSettings;
import dev.gridexec.health.Promtool;
import dev.gridexec.members.TestCluster;
import dev.gridexec.testsupport.Closing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in headless Chromium, over a coordinator and two nodes on loopback. Screenshots: target/dashboard/. */
@Timeout(300)
class DashboardBrowserTest {

    private static final Path OUT = Path.of("target", "dashboard");
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCluster cluster;
    private CoordinatorProcess coordinator;
    private ChromeDriver browser;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(OUT); // skips (outside CI) before any cluster starts when there is no browser
        cluster = new TestCluster(KernelCatalog.builtIn(), 2);
    }

    /** A coordinator on the test cluster's lite member (its cluster settings only name it in logs). */
    private void startCoordinator(Optional<ApiToken> token) throws Exception {
        ClusterSettings unused = new ClusterSettings("browser-test", "127.0.0.1", 5701, List.of(), Optional.empty(), 5);
        coordinator = CoordinatorProcess.startOn(cluster.coordinator, new CoordinatorSettings(unused, "coordinator", "127.0.0.1",
                0, 1 << 20, Duration.ofMinutes(10), CoordinatorSettings.DEFAULT_MAX_ARTIFACT_BYTES, token), KernelResolver.withoutArtifacts(KernelCatalog.builtIn()));
    }

    @AfterEach
    void stop() throws Exception {
        Closing.all(browser == null ? null : browser::quit, coordinator, cluster);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits {@code task} over HTTP, checks that it was accepted (202), and returns the job's id. */
    private String submit(String task) throws Exception {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(coordinator.url() + "/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(task)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("id").asText();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static List<String> consoleErrors(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
    }

    @Test
    void submittedJobReachesSucceededOnScreenWithItsNodeOwnerAndTimelineAndAKilledNodeDisappears() throws Exception {
        startCoordinator(Optional.empty());
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(coordinator.url() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nodes tr[data-node='node-1']")));
        // Each node answered its load query: ready, with its process's CPU load and heap.
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#nodes tr[data-node='node-0'] td.cpu"), Pattern.compile("\\d+ %")));
        assertThat(browser.findElement(By.cssSelector("#nodes tr[data-node='node-0'] td.node-state")).getText()).isEqualTo("ready");
        assertThat(browser.findElement(By.cssSelector("#nodes tr[data-node='node-0'] td.heap")).getText()).matches("\\d+ / \\d+ MiB");
        screenshot("1-cluster");

        String id = submit("{\"name\":\"browser primes\",\"kernel\":\"primes\","
                + "\"params\":{\"limit\":200000},\"chunks\":8,\"nodes\":1}");

        By row = By.cssSelector("#jobs tr[data-job='" + id + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "SUCCEEDED"));
        String rowText = browser.findElement(row).getText();
        JsonNode record = JSON.readTree(send(HttpRequest.newBuilder(URI.create(coordinator.url() + "/jobs/" + id))).body());
        String node = record.get("placement").get(0).get("node").asText();
        assertThat(rowText).contains(id).contains("SUCCEEDED").contains(node).contains("8/8");
        String owner = record.get("owner").asText();
        assertThat(owner).as("the record's owner").isNotBlank();
        assertThat(browser.findElement(By.cssSelector("#jobs tr[data-job='" + id + "'] td.owner")).getText()).isEqualTo(owner);
        screenshot("2-job-succeeded");

        browser.findElement(By.linkText(id)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-facts"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("job-facts")).getText()).contains(id).contains(node);
        assertThat(browser.findElement(By.cssSelector("#job-nodes tr[data-node='" + node + "']")).getText()).contains(node);
        // Ended before its page opened: the final chunks per node, as bars named by node.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-timeline svg[data-kind='bars'] rect[data-node='" + node + "']")));
        assertThat(browser.findElement(By.id("job-timeline")).getText()).contains(node).contains("8");
        screenshot("3-job-page");

        // A job watched while it runs (16 chunks of 600 ms on 2 nodes x 2 workers): a line per node, kept after it ends.
        String live = submit("{\"name\":\"browser timeline\",\"kernel\":\"sleep\","
                + "\"params\":{\"millis\":600},\"chunks\":16,\"nodes\":2}");
        browser.get(coordinator.url() + "/#/jobs/" + live);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-facts"), "SUCCEEDED"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#job-timeline svg[data-kind='lines'] polyline"), 2));
        assertThat(browser.findElements(By.cssSelector("#job-timeline polyline"))).extracting(line -> line.getAttribute("data-node"))
                .containsExactlyInAnyOrder("node-0", "node-1");
        assertThat(browser.findElements(By.cssSelector("#job-timeline polyline")))
                .as("sampled more than once while it ran").anySatisfy(line ->
                        assertThat(line.getAttribute("points").split(" ").length).isGreaterThan(1));
        assertThat(browser.findElement(By.id("job-timeline")).getText()).contains("node-0").contains("node-1");
        screenshot("3b-job-timeline");

        browser.get(coordinator.url() + "/#/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nodes tr[data-node='node-1']")));
        cluster.nodes.get(1).hazelcast().getLifecycleService().terminate();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#nodes tr[data-node='node-1']")));
        assertThat(browser.findElement(By.id("nodes")).getText()).contains("node-0").doesNotContain("node-1");
        screenshot("4-node-killed");

        assertThat(consoleErrors(browser)).as("console errors").isEmpty();

        // The same coordinator's /metrics, and a node's: both pass promtool, with the two jobs' chunks counted (8 + 16).
        String metrics = send(HttpRequest.newBuilder(URI.create(coordinator.url() + "/metrics"))).body();
        assertThat(metrics).contains("gridexec_chunks_total{outcome=\"done\"} 24.0").contains("vertx_http_server_requests_total");
        Promtool.assertValid(metrics);
        int healthPort = cluster.nodes.get(0).healthPort();
        String nodeMetrics = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics"))).body();
        assertThat(nodeMetrics).contains("gridexec_node_capacity_workers{node=\"node-0\"} 2.0");
        Promtool.assertValid(nodeMetrics);
    }

    @Test
    void reportViewDrawsCurvesPerModelAndTheTokenIsAskedForOnceAndKeptOutOfUrls() throws Exception {
        startCoordinator(Optional.of(ApiToken.of("browser-test-token")));
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(coordinator.url() + "/#/report");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-file")));
        Path report = Path.of("src", "test", "resources", "dashboard", "report.json").toAbsolutePath();
        long labels = JSON.readTree(report.toFile()).get("summaries").findValuesAsText("label").stream().distinct().count();

        browser.findElement(By.id("report-file")).sendKeys(report.toString());

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#report-chart polyline"), (int) labels));
        browser.findElement(By.cssSelector("#report-legend span")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#report-chart polyline"), (int) labels - 1));
        screenshot("5-report");
        assertThat(consoleErrors(browser)).as("console errors").isEmpty();

        browser.get(coordinator.url() + "/#/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys("browser-test-token\n");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nodes tr[data-node='node-0']")));
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).doesNotContain("browser-test-token");
        assertThat(browser.executeScript("return sessionStorage.getItem('gridexec.token')")).isEqualTo("browser-test-token");
        browser.navigate().refresh(); // the same tab: the token is still there, not asked for again
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nodes tr[data-node='node-0']")));
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();
        screenshot("6-with-token");
        assertThat(consoleErrors(browser)).as("console errors but the first 401").allMatch(e -> e.contains("401"));
    }
}
