package dev.gridexec.kernel.api;

/**
 * One thing wrong with a task's params.
 *
 * @param path    the parameter's path below {@code params}, e.g. {@code limit}; empty for the params object itself
 * @param message what is wrong, e.g. {@code must be between 2 and 10^12, got -5}
 */
public record ParamProblem(String path, String message) {
}
