package dev.gridexec.remote;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.gridexec.wire.Task;
import java.util.Map;

/**
 * How the client reads the coordinator's JSON into the coordinator's own records: task params exactly
 * as TaskReader holds them, results as plain trees, and fields added by a later coordinator ignored.
 */
final class WireJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(Task.class, TaskMixIn.class);

    private WireJson() {
    }

    /** Jackson annotations for {@link Task}, kept here so that the wire detail stays with the client. */
    abstract static class TaskMixIn {
        @JsonDeserialize(using = TaskParamsDeserializer.class)
        Map<String, Object> params;
    }
}
