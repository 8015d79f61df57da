package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.dashboard.Chromium;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.wire.Timing;
import dev.gridexec.wire.NodeLoad;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard over 10,000 finished jobs and 64 nodes (a service that lists them): paged, and it renders. */
@Timeout(180)
class DashboardAtScaleBrowserTest {

    private static final int JOBS = 10_000;
    private static final int NODES = 64;

    private ApiFixture api;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
    }

    /**
     * The scheduler's service, but listing {@value #JOBS} ended jobs, every 7th failed, every 5th adopted once, owned by
     * two coordinators, over {@value #NODES} nodes, every 16th of which did not answer its load query (suspect).
     */
    private static JobService crowded(JobService real) {
        List<NodeInfo> nodes = IntStream.range(0, NODES)
                .mapToObj(i -> {
                    NodeInfo announced = new NodeInfo("node-" + i, "10.0.0." + i + ":5701", 16, 16, "test", i % 3);
                    return i % 16 == 15 ? announced : announced.withLoad(new NodeLoad(16, i % 17, i % 3, Map.of(),
                            (i % 10) / 10.0, (200L + i) << 20, 4096L << 20, false));
                }).toList();
        List<JobRecord> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            JobState state = i % 7 == 0 ? JobState.FAILED : JobState.SUCCEEDED;
            Task task = new Task("job " + i, "primes", Map.of("limit", 1000), 8, Mode.THREADS, 4, 2, 1, 0, i, null, 3, null);
            jobs.add(new JobRecord(String.format("job-%05d", i), state, task, null, null, List.of(), new ChunkCounts(8, 8, 0, 0),
                    new Timing(1000 + i, 3, 900), List.of(new Placement("node-" + (i % NODES), 8, 900)), "autotuned", null,
                    "coordinator-" + (i % 2), i % 5 == 0 ? 1 : null, null));
        }
        return new JobService() {
            @Override
            public dev.gridexec.catalog.KernelCatalog catalog() {
                return real.catalog();
            }

            @Override
            public dev.gridexec.task.TaskDefaults defaults() {
                return real.defaults();
            }

            @Override
            public JobRecord submit(Task task) {
                return real.submit(task);
            }

            @Override
            public java.util.Optional<JobRecord> find(String id) {
                return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
            }

            @Override
            public List<JobRecord> list() {
                return jobs;
            }

            @Override
            public java.util.Optional<JobRecord> cancel(String id) {
                return find(id);
            }

            @Override
            public java.util.Optional<Runnable> watch(String id, dev.gridexec.scheduler.JobListener listener) {
                return real.watch(id, listener);
            }

            @Override
            public List<NodeInfo> nodes() {
                return nodes;
            }
        };
    }

    @Test
    void tenThousandJobsAndSixtyFourNodesArePagedAndRenderWithinSeconds() throws Exception {
        browser = Chromium.start(Path.of("target", "dashboard"));
        api = ApiFixture.start(4096, List::of, DashboardAtScaleBrowserTest::crowded);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        long listStart = System.nanoTime();
        int listBytes = api.get("/jobs").body().length();
        long listMs = Duration.ofNanos(System.nanoTime() - listStart).toMillis();
        long start = System.nanoTime();
        browser.get(api.base() + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "of " + JOBS));
        long renderedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(browser.findElements(By.cssSelector("#nodes tr"))).hasSize(NODES);
        assertThat(browser.findElements(By.cssSelector("#nodes tr[data-state='suspect']"))).hasSize(NODES / 16);
        assertThat(browser.findElement(By.cssSelector("#nodes tr[data-node='node-15'] td.cpu")).getText()).isEqualTo("—");
        assertThat(browser.findElement(By.cssSelector("#nodes tr[data-node='node-3'] td.cpu")).getText()).isEqualTo("30 %");
        assertThat(browser.findElement(By.cssSelector("#jobs tr[data-job='job-00001'] td.owner")).getText()).isEqualTo("coordinator-1");
        assertThat(browser.findElement(By.cssSelector("#jobs tr[data-job='job-00005'] td.owner")).getText())
                .isEqualTo("coordinator-1 (adopted 1×)");
        assertThat(browser.findElements(By.cssSelector("#jobs tr"))).hasSize(50);
        assertThat(browser.findElement(By.id("page-info")).getText()).isEqualTo("jobs 1–50 of 10000 (page 1 of 200)");
        browser.findElement(By.xpath("//button[contains(., 'older')]")).click();
        assertThat(browser.findElement(By.cssSelector("#jobs tr")).getText()).contains("job-00050");
        new Select(browser.findElement(By.id("state-filter"))).selectByValue("FAILED");
        assertThat(browser.findElement(By.id("page-info")).getText()).endsWith("of 1429 (page 1 of 29)");
        Files.write(Path.of("target", "dashboard", "7-ten-thousand-jobs.png"), browser.getScreenshotAs(OutputType.BYTES));
        System.out.printf("dashboard: GET /jobs of 10,000 jobs: %d chars in %d ms; page rendered %d ms after navigation%n",
                listBytes, listMs, renderedMs);
    }
}
