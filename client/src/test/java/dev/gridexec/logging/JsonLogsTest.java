package dev.gridexec.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.cli.LogSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The client jar's logging set-up ({@link LogSetup}), configured as a process would see it, with its stderr captured. */
class JsonLogsTest {

    private final PrintStream realErr = System.err;
    private final PrintStream realOut = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();

    @AfterEach
    void restore() throws Exception {
        System.setErr(realErr);
        System.setOut(realOut);
        System.clearProperty("GRIDEXEC_LOG_FORMAT");
        System.clearProperty("GRIDEXEC_LOG_LEVEL");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig(); // back to the configuration the other tests run with
    }

    private List<String> logWithShippedConfig(String format) throws Exception {
        System.setProperty("GRIDEXEC_LOG_LEVEL", "INFO");
        if (format != null) {
            System.setProperty("GRIDEXEC_LOG_FORMAT", format);
        }
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        setup.configure(context);

        org.slf4j.Logger log = LoggerFactory.getLogger("dev.gridexec.scheduler.JobRun");
        log.info("job {}: dispatching {} chunks", "job-1", 8);
        log.info("nothing about a job here");
        try (MDC.MDCCloseable ignored = MDC.putCloseable(JobJsonEncoder.JOB_ID, "job-2")) {
            log.warn("a kernel line without the prefix");
        }
        log.error("job {}: failed", "job-3", new IllegalStateException("boom"));
        assertThat(capturedOut.toString(StandardCharsets.UTF_8)).as("stdout (results only)").isEmpty();
        List<String> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void jsonFormatWritesOneObjectPerLineWithTheJobIdOnEveryLineAboutAJob() throws Exception {
        List<String> lines = logWithShippedConfig("json");

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line));
        }
        assertThat(events).hasSize(4);
        assertThat(events.get(0).get("message").asText()).isEqualTo("job {}: dispatching {} chunks");
        assertThat(events.get(0).get("formattedMessage").asText()).isEqualTo("job job-1: dispatching 8 chunks");
        assertThat(events.get(0).get("mdc").get("jobId").asText()).isEqualTo("job-1");
        assertThat(events.get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(events.get(1).path("mdc").path("jobId").isMissingNode()).isTrue();
        assertThat(events.get(2).get("mdc").get("jobId").asText()).isEqualTo("job-2");
        assertThat(events.get(3).get("mdc").get("jobId").asText()).isEqualTo("job-3");
        assertThat(events.get(3).get("throwable").toString()).contains("boom");
    }

    @Test
    void textStaysTheDefault() throws Exception {
        List<String> lines = logWithShippedConfig(null);

        assertThat(lines.get(0)).contains("INFO").contains("job job-1: dispatching 8 chunks");
        assertThat(lines.get(3)).contains("ERROR").contains("job job-3: failed");
        assertThat(lines.get(4)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(lines).noneMatch(line -> line.startsWith("{"));
    }
}
