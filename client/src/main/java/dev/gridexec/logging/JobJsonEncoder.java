package dev.gridexec.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Logback's {@link JsonEncoder} (one JSON object per line) that puts the job's id under {@code mdc.jobId} on
 * every line about a job: from the MDC when the thread set it, else from the line itself, since every log line
 * about a job starts {@code "job {}: "} with the id as its first argument. Chosen with
 * {@code GRIDEXEC_LOG_FORMAT=json} (logback.xml).
 */
public final class JobJsonEncoder extends JsonEncoder {

    /** The MDC key of a job's id. */
    public static final String JOB_ID = "jobId";

    @Override
    public byte[] encode(ILoggingEvent event) {
        return super.encode(withJobId(event));
    }

    static ILoggingEvent withJobId(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && mdc.containsKey(JOB_ID)) {
            return event;
        }
        String message = event.getMessage();
        Object[] args = event.getArgumentArray();
        if (message == null || !message.startsWith("job {}") || args == null || args.length == 0 || args[0] == null) {
            return event;
        }
        Map<String, String> withId = new HashMap<>(mdc == null ? Map.of() : mdc);
        withId.put(JOB_ID, String.valueOf(args[0]));
        return new WithMdc(event, Map.copyOf(withId));
    }
}
