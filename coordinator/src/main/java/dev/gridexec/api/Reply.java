package dev.gridexec.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.Json;
import dev.gridexec.wire.Problem;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A JSON response made ready off the event loop (serialising a large record takes time) and sent on it.
 *
 * @param status   the HTTP status
 * @param body     the JSON bytes
 * @param location the {@code Location} header, null for none
 */
record Reply(int status, byte[] body, String location) {

    /** Serialises records the way the CLI does: their own {@code @JsonInclude} and {@code @JsonPropertyOrder} apply. */
    static final ObjectMapper JSON = Json.results();

    static final String JSON_TYPE = "application/json";

    /** {@code value} as JSON with this status. */
    static Reply json(int status, Object value) throws JsonProcessingException {
        return new Reply(status, JSON.writeValueAsBytes(value), null);
    }

    /** JSON text written by hand, for constant bodies. */
    static Reply raw(int status, String json) {
        return new Reply(status, json.getBytes(StandardCharsets.UTF_8), null);
    }

    /** The error body {@code {"errors":[{"path","message"}]}} with this status. */
    static Reply errors(int status, List<Problem> problems) {
        try {
            return json(status, new Errors(problems));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body could not be written", e);
        }
    }

    /** One error. */
    static Reply error(int status, String path, String message) {
        return errors(status, List.of(new Problem(path, message)));
    }

    /** Runs {@code work} on a worker thread of {@code context}, unordered, and sends its reply on the event loop; a failure goes to the failure handler. */
    static void offLoop(Context context, RoutingContext ctx, Callable<Reply> work) {
        context.executeBlocking(work, false).onSuccess(r -> r.send(ctx.response())).onFailure(ctx::fail);
    }

    /** This reply with a {@code Location} header. */
    Reply at(String newLocation) {
        return new Reply(status, body, newLocation);
    }

    /** Sends this reply; call on the request's context. */
    Future<Void> send(HttpServerResponse response) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE);
        if (location != null) {
            response.putHeader(HttpHeaders.LOCATION, location);
        }
        return response.end(Buffer.buffer(body));
    }

    /** The wire form of every error response. */
    record Errors(List<Problem> errors) {
    }
}
