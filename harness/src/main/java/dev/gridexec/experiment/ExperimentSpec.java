package dev.gridexec.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated experiment spec (see docs/experiment.schema.json): a task, the layouts to run it in, and
 * how often. Every default and bound of the format is defined here, once.
 *
 * @param name     names the experiment and its output directory
 * @param task     the task.json document each run submits, {@code chunks} filled in when it had none (so that
 *                 every configuration splits the work alike); {@code mode}, {@code nodes} and {@code workers}
 *                 are set per run
 * @param groups   the layouts, one product each
 * @param repeats  measured rounds
 * @param warmup   warm-up rounds, run first and excluded from summaries
 * @param local    whether the client starts the node processes itself on this host
 * @param document the spec as given
 */
public record ExperimentSpec(String name, ObjectNode task, List<RunGroup> groups, int repeats, int warmup, boolean local,
                             JsonNode document) {

    /** Measured rounds when the spec names none. */
    public static final int DEFAULT_REPEATS = 3;
    /** Warm-up rounds when the spec names none. */
    public static final int DEFAULT_WARMUP = 1;
    /** Whether the client starts its own nodes when the spec does not say. */
    public static final boolean DEFAULT_LOCAL = true;
    public static final int MAX_REPEATS = 100;
    /** The most warm-up rounds: the JVMs of a cluster compile a short job's path over hundreds of jobs (docs/PERFORMANCE.md). */
    public static final int MAX_WARMUP = 100;
    /** The most runs (configurations × rounds, warm-up included) one experiment may make. */
    public static final int MAX_RUNS = 500;
    /** The most node processes a local experiment starts on this host. */
    public static final int MAX_LOCAL_NODES = 64;
    /** The most values in a list of node or worker counts, and the most groups in {@code runs}. */
    public static final int MAX_LIST = 64;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_LABEL_LENGTH = 40;
    /** Names: safe as a directory name on any system. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Labels: safe in a CSV cell, a file name and a legend. */
    public static final Pattern LABEL = NAME;

    public ExperimentSpec {
        task = task.deepCopy();
        groups = List.copyOf(groups);
    }

    @Override
    public ObjectNode task() {
        return task.deepCopy();
    }

    /** Every configuration of the sweep, the 1 node × 1 worker baseline of each label included (see {@link Sweep}). */
    public List<Configuration> configurations() {
        return Sweep.configurations(groups);
    }

    /** Runs the sweep makes when every configuration runs: configurations × (warm-up + measured rounds). */
    public int runs() {
        return configurations().size() * (warmup + repeats);
    }

    /** The largest node count of the sweep: the processes a local experiment starts. */
    public int maxNodes() {
        return configurations().stream().mapToInt(Configuration::nodes).max().orElse(1);
    }

    /** The task.json document of one run: the spec's task with the configuration's mode, nodes and workers. */
    public byte[] taskFor(Configuration configuration) {
        ObjectNode run = task.deepCopy();
        run.put("mode", configuration.mode().wireName());
        run.put("nodes", configuration.nodes());
        run.put("workers", configuration.workers());
        if (!run.has("name")) {
            run.put("name", name + ": " + configuration.label() + " nodes=" + configuration.nodes()
                    + " workers=" + configuration.workers());
        }
        try {
            return Json.mapper().writeValueAsBytes(run);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    /** The fields among {@code mode}, {@code nodes}, {@code workers} that the spec's task sets and each run replaces. */
    public List<String> overriddenTaskFields() {
        return List.of("mode", "nodes", "workers").stream().filter(document.path("task")::has).toList();
    }
}
