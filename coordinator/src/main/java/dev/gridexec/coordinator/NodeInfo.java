package dev.gridexec.coordinator;

/**
 * A node as {@code GET /nodes} shows it.
 *
 * @param name        the node's name
 * @param address     host:port of its cluster endpoint ({@code in-process} for the embedded node)
 * @param processors  processors its JVM sees
 * @param maxWorkers  the most workers a task may use on it by default
 * @param version     gridexec version it runs
 * @param runningJobs jobs with chunks on it now
 */
public record NodeInfo(String name, String address, int processors, int maxWorkers, String version, int runningJobs) {
}
