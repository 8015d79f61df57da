package dev.gridexec.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.gridexec.logging.JobJsonEncoder;
import org.slf4j.Logger;

/**
 * The logging of every process the client jar runs (client, node, coordinator), set up in code: every line to
 * stderr (stdout carries results and JSON records), at the level {@code GRIDEXEC_LOG_LEVEL} names (system
 * property or environment variable; default WARN), as text or, with {@code GRIDEXEC_LOG_FORMAT=json}, as one JSON
 * object per line with the job's id under {@code mdc.jobId} on every line about a job ({@link JobJsonEncoder}).
 * In code rather than logback.xml: reading XML costs the client's start-up a few hundred classes.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String LEVEL = "GRIDEXEC_LOG_LEVEL";
    static final String FORMAT = "GRIDEXEC_LOG_FORMAT";

    public LogSetup() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Encoder<ILoggingEvent> encoder = "json".equalsIgnoreCase(setting(FORMAT)) ? json() : text();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(setting(LEVEL), Level.WARN));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> text() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        return encoder;
    }

    private static Encoder<ILoggingEvent> json() {
        JobJsonEncoder encoder = new JobJsonEncoder();
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }

    /** A system property, else the environment variable of that name; null when neither is set. */
    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }
}
