package dev.gridexec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.Placement;
import dev.gridexec.wire.Task;
import java.io.PrintWriter;

/** The one way a job record is shown: a summary for people, or JSON; the same embedded and remote. */
final class JobPrinter {

    private JobPrinter() {
    }

    /** Prints {@code value} (a record, a list of them, a result) as indented JSON. */
    static void json(Object value, PrintWriter out) throws JsonProcessingException {
        out.println(Json.INDENTED.writeValueAsString(value));
        out.flush();
    }

    /** Prints a job's state, result or error, warnings, chunk counts, model, timing and placement. */
    static void summary(JobRecord record, PrintWriter out) throws JsonProcessingException {
        Task task = record.task();
        out.printf("%-10s %s%s  (job %s)%n", record.state(), task.kernel(),
                task.name() == null ? "" : " \"" + task.name() + "\"", record.id());
        if (record.queuePosition() != null) {
            out.printf("%-10s position %d (%s)%n", "queue", record.queuePosition(),
                    record.queuePosition() == 1 ? "next to start" : record.queuePosition() - 1 + " ahead");
        }
        if (record.result() != null) {
            out.printf("%-10s %s%n", "result", Json.PLAIN.writeValueAsString(withoutPixels(record.result())));
        }
        if (record.resultStored() != null && record.result() == null) {
            out.printf("%-10s kept apart, %d bytes of JSON (client result %s)%n", "result", record.resultStored().bytes(), record.id());
        }
        if (record.error() != null) {
            out.printf("%-10s %s: %s%n", "error", record.error().reason(), record.error().message());
        }
        for (String warning : record.warnings()) {
            out.printf("%-10s %s%n", "WARNING", warning);
        }
        out.printf("%-10s %d total, %d done, %d retried, %d failed%s%n", "chunks",
                record.chunks().total(), record.chunks().done(), record.chunks().retried(), record.chunks().failed(),
                record.chunks().speculative() > 0 ? ", " + record.chunks().speculative() + " speculative" : "");
        out.printf("%-10s %s, %d worker%s per node, %d node%s%s%n", "model", task.mode().wireName(),
                task.workers(), task.workers() == 1 ? "" : "s", record.placement().size(),
                record.placement().size() == 1 ? "" : "s", record.dispatch() == null ? "" : ", dispatch " + record.dispatch());
        out.printf("%-10s wall %d ms, startup %d ms, compute %d ms%n", "time",
                record.timing().wallMs(), record.timing().startupMs(), record.timing().computeMs());
        for (Placement placement : record.placement()) {
            out.printf("%-10s %s: %d chunks, %d ms%n", "placement", placement.node(), placement.chunks(), placement.computeMs());
        }
        out.flush();
    }

    private static JsonNode withoutPixels(JsonNode result) {
        if (result instanceof ObjectNode object && object.has("pixels")) {
            ObjectNode copy = object.deepCopy();
            copy.put("pixels", "(" + object.get("pixels").size() + " values)");
            return copy;
        }
        return result;
    }
}
