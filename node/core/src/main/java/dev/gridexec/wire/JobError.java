package dev.gridexec.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a job failed or was cancelled.
 *
 * @param reason  a stable word: {@code kernel}, {@code timeout}, {@code cancelled}, {@code nodes-lost}, {@code internal}
 * @param message what happened, for people
 * @param chunk   the chunk that failed, when one did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobError(String reason, String message, Integer chunk) {
}
