package dev.gridexec.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.wire.Problem;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What a coordinator's answer that is not a success says: the problems of its {@code {"errors":[...]}} body, a
 * short detail for messages, the {@code Retry-After} of a 429, and the {@link CoordinatorException} it stands for.
 */
final class ErrorAnswers {

    private static final int DETAIL_LIMIT = 300;

    private ErrorAnswers() {
    }

    /** What an answer that is not a success means, from the coordinator at {@code base}; {@code id} names the job asked for, if any. */
    static CoordinatorException failure(URI base, HttpResponse<String> response, String id) {
        if (response.statusCode() == 401) {
            return new TokenRefusedException(base, detail(response.body()));
        }
        if (response.statusCode() == 404 && id != null) {
            return new JobNotFoundException(base, id);
        }
        String detail = detail(response.body());
        if (response.statusCode() == 404) {
            detail = "no " + response.uri().getRawPath() + " there; is it a gridexec coordinator? " + detail;
        }
        return new CoordinatorHttpException(base, response.statusCode(), detail, null);
    }

    /** The {@code Retry-After} seconds of a 429, 1 to 60; 2 when it is missing or not a number of seconds. */
    static int retryAfter(HttpResponse<String> response) {
        try {
            return Math.max(1, Math.min(60, Integer.parseInt(response.headers().firstValue("Retry-After").orElse("2").strip())));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    /** The problems in a {@code {"errors":[{"path","message"}]}} body; the body itself as one problem otherwise. */
    static List<Problem> problems(String body) {
        List<Problem> problems = errors(body);
        return problems.isEmpty() ? List.of(new Problem("$", detail(body))) : problems;
    }

    /** The body's problems joined, else the body itself, stripped and cut to a few hundred characters. */
    static String detail(String body) {
        List<Problem> problems = errors(body);
        if (!problems.isEmpty()) {
            return String.join("; ", problems.stream().map(Problem::toString).toList());
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "(no body)";
        }
        return text.length() > DETAIL_LIMIT ? text.substring(0, DETAIL_LIMIT) + "..." : text;
    }

    private static List<Problem> errors(String body) {
        List<Problem> problems = new ArrayList<>();
        try {
            for (JsonNode error : WireJson.MAPPER.readTree(body == null ? "" : body).path("errors")) {
                problems.add(new Problem(error.path("path").asText("$"), error.path("message").asText("")));
            }
        } catch (JsonProcessingException notTheErrorDocument) {
            return List.of();
        }
        return problems;
    }
}
