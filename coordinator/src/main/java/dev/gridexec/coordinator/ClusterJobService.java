package dev.gridexec.coordinator;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.members.ClusterMembers;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.scheduler.JobRun;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.scheduler.SchedulerSettings;
import dev.gridexec.task.Task;
import dev.gridexec.task.TaskDefaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's {@link JobService} on a Hazelcast cluster: jobs run through the scheduler over the
 * cluster's nodes, and their records are kept in a Hazelcast map with one backup on the data members,
 * so the loss of any one node loses no record. Records are written when a job is accepted, at most once
 * a second while it runs (not per chunk), and when it ends; ended jobs expire after the retention.
 * Uploaded jars live in the cluster's artifact map, also with one backup.
 */
public final class ClusterJobService implements JobService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobService.class);
    private static final long PERSIST_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Scheduler scheduler;
    private final ClusterMembers members;
    private final IMap<String, String> records;
    private final HazelcastInstance hazelcast;
    private final Duration retention;
    private final KernelResolver ownKernels; // null when the caller owns the resolver
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gridexec-retention");
        thread.setDaemon(true);
        return thread;
    });

    /** A service of the catalog's kernels and of jars uploaded to this cluster, with an artifact cache of its own. */
    public ClusterJobService(HazelcastInstance hazelcast, KernelCatalog catalog, Duration retention) {
        this(hazelcast, new KernelResolver(catalog, new ArtifactCache(new HazelcastArtifactStore(() -> hazelcast))),
                retention, SchedulerSettings.defaults(), true);
    }

    /**
     * A service whose kernels {@code kernels} resolves; its artifact store must be this cluster's
     * ({@link HazelcastArtifactStore}). The caller closes {@code kernels}.
     */
    public ClusterJobService(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention) {
        this(hazelcast, kernels, retention, SchedulerSettings.defaults(), false);
    }

    /** Like {@link #ClusterJobService(HazelcastInstance, KernelResolver, Duration)}, scheduling as {@code scheduling} says. */
    public ClusterJobService(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention, SchedulerSettings scheduling) {
        this(hazelcast, kernels, retention, scheduling, false);
    }

    private ClusterJobService(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention, SchedulerSettings scheduling,
                              boolean owned) {
        this.ownKernels = owned ? kernels : null;
        this.members = new ClusterMembers(hazelcast, kernels);
        this.scheduler = new Scheduler(kernels, members::members, scheduling);
        this.records = hazelcast.getMap(ClusterConfigs.JOBS_MAP);
        this.hazelcast = hazelcast;
        this.retention = retention;
        members.feed(scheduler);
        long every = Math.max(1, Math.min(60, retention.toSeconds() / 4));
        sweeper.scheduleWithFixedDelay(() -> scheduler.forgetEndedBefore(System.currentTimeMillis() - retention.toMillis()),
                every, every, TimeUnit.SECONDS);
    }

    @Override
    public KernelCatalog catalog() {
        return scheduler.catalog();
    }

    @Override
    public KernelResolver kernels() {
        return scheduler.kernels();
    }

    @Override
    public boolean hasArtifact(String sha256) {
        return hazelcast.getMap(ClusterConfigs.ARTIFACTS_MAP).containsKey(sha256);
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.builtIn(members.defaultWorkers().getAsInt(), Math.max(1, scheduler.memberCount()));
    }

    @Override
    public Optional<String> unrunnable(Task task) {
        return members.unrunnable(task);
    }

    @Override
    public JobRecord submit(Task task) {
        JobRun job = scheduler.submit(task, JobListener.NONE);
        JobRecord accepted = job.snapshot();
        store(accepted, false);
        job.subscribe(new Persister(job));
        return accepted;
    }

    @Override
    public Optional<JobRecord> find(String id) {
        Optional<JobRun> running = scheduler.find(id);
        if (running.isPresent()) {
            return Optional.of(running.get().snapshot());
        }
        String json = records.get(id);
        return json == null ? Optional.empty() : Optional.of(JobRecords.fromJson(json));
    }

    @Override
    public List<JobRecord> list() {
        List<JobRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        scheduler.jobs().stream()
                .sorted(Comparator.comparingLong(JobRun::acceptedAtMillis).reversed())
                .forEach(job -> {
                    seen.add(job.id());
                    out.add(job.snapshot());
                });
        for (Map.Entry<String, String> entry : records.entrySet()) {
            if (!seen.contains(entry.getKey())) {
                out.add(JobRecords.fromJson(entry.getValue()));
            }
        }
        return out;
    }

    @Override
    public Optional<JobRecord> cancel(String id) {
        Optional<JobRun> running = scheduler.find(id);
        if (running.isPresent()) {
            running.get().cancel();
            return Optional.of(running.get().snapshot());
        }
        return find(id);
    }

    @Override
    public Optional<Runnable> watch(String id, JobListener listener) {
        Optional<JobRun> running = scheduler.find(id);
        if (running.isPresent()) {
            return Optional.of(running.get().subscribe(listener));
        }
        Optional<JobRecord> stored = find(id);
        stored.ifPresent(listener::finished);
        return stored.map(record -> () -> { });
    }

    @Override
    public List<NodeInfo> nodes() {
        Map<String, Integer> running = new HashMap<>();
        for (JobRun job : scheduler.jobs()) {
            for (String node : job.activeNodes()) {
                running.merge(node, 1, Integer::sum);
            }
        }
        java.util.Set<String> slow = scheduler.slowNodes();
        return members.describe(name -> running.getOrDefault(name, 0)).stream()
                .map(node -> slow.contains(node.name()) ? node.withSlow(true) : node).toList();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        members.close();
        scheduler.close();
        if (ownKernels != null) {
            ownKernels.close();
        }
    }

    private void store(JobRecord record, boolean ended) {
        try {
            if (ended) {
                records.set(record.id(), JobRecords.toJson(record), retention.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                records.setAsync(record.id(), JobRecords.toJson(record));
            }
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not store its record: {}", record.id(), e.toString());
        }
    }

    /** Writes a job's record while it runs (at most once a second) and when it ends. */
    private final class Persister implements JobListener {
        private final JobRun job;
        private long lastNanos = System.nanoTime();

        Persister(JobRun job) {
            this.job = job;
        }

        @Override
        public void progress(JobProgress progress) {
            long now = System.nanoTime();
            synchronized (this) {
                if (now - lastNanos < PERSIST_EVERY_NANOS) {
                    return;
                }
                lastNanos = now;
            }
            store(job.snapshot(), false);
        }

        @Override
        public void finished(JobRecord record) {
            store(record, true);
        }
    }
}
