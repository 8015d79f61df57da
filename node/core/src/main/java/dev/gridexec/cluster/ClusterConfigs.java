package dev.gridexec.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.config.NetworkConfig;
import dev.gridexec.store.StoreDatabase;
import dev.gridexec.store.StoreSettings;
import dev.gridexec.store.ValueType;
import dev.gridexec.trust.Seal;
import java.util.Map;

/**
 * Builds the Hazelcast configuration of a gridexec member.
 *
 * <p>Failure detection: heartbeats every second and a member declared dead after
 * {@code failureSeconds} (default 5) without one, so the work of a member killed with {@code kill -9}
 * (or whose host vanishes) is re-dispatched within 10 s; Hazelcast's default of 60 s would hold a job
 * that long. The price: a member paused longer than that (a long GC, a frozen VM) is thrown out of the
 * cluster and must rejoin, and its chunks run again elsewhere; raise {@code failure-seconds} where such
 * pauses are expected. On loopback a killed process's connections close at once, which Hazelcast notices
 * even sooner.
 *
 * <p>Partitions: when a split heals, the sides merge within seconds (not Hazelcast's default of minutes); a job
 * record that both sides changed keeps the later update, a jar (the same bytes under the same hash on both
 * sides) is kept once. With {@code min-cluster-size} above 1, a side smaller than that refuses the maps
 * (split-brain protection), so a cut-off minority neither serves stale records nor writes conflicting ones.
 *
 * <p>Durability: with the {@code store} setting, a data member writes every change of the {@link #DURABLE_MAPS}
 * through to that database before the change completes (write-through), and the maps load everything back, with the
 * rest of each entry's TTL, when they are first used after a start (eager initial load). A restart of every member
 * therefore loses nothing that was written. Lite members hold no entries and so need no store.
 *
 * <p>Trust: with a cluster secret ({@code cluster-secret-file}), the member's {@link Seal} goes into its user context
 * (never to the cluster): the stores seal what they write with it, and the member answers {@link ProveMember} with it.
 */
public final class ClusterConfigs {

    /** The executor that runs chunk batches on members. */
    public static final String EXECUTOR = "gridexec-chunks";
    /** The executor for control messages (end of a job), kept apart so that busy batch threads never delay a cancel. */
    public static final String CONTROL_EXECUTOR = "gridexec-control";
    /** The executor a node runs a job's params check, split and reduce on ({@link KernelCall}), each for at most its timeout; as many threads as {@code KernelCallRunner.MAX_THREADS}, so that no call waits in its queue. */
    public static final String KERNEL_CALL_EXECUTOR = "gridexec-kernel-calls";
    /** The executor members answer {@link ProveMember} on, apart from the others so that busy members still prove themselves. */
    public static final String PROOF_EXECUTOR = "gridexec-proofs";
    /** The map of job records. */
    public static final String JOBS_MAP = "gridexec-jobs";
    /** The map of uploaded kernel jars, by SHA-256. */
    public static final String ARTIFACTS_MAP = "gridexec-artifacts";
    /**
     * The ledger of running jobs: finished chunks' encoded outputs, written in batches by the job's owning
     * coordinator under keys {@code jobId/sequence}, read when another coordinator adopts the job, removed when it ends.
     */
    public static final String LEDGER_MAP = "gridexec-ledger";
    /**
     * Results too large for their job's record (the coordinator's {@code max-inline-result}): job id to the result's
     * JSON (UTF-8), written before the record that points to it, expiring a minute after it.
     */
    public static final String RESULTS_MAP = "gridexec-results";
    /** Cancel requests for jobs another coordinator owns: job id to the time asked; the owner (or an adopter) acts on them. */
    public static final String CANCELS_MAP = "gridexec-cancels";
    /**
     * The workers each coordinator's running jobs hold on the nodes (job id to owner and workers per node), so that
     * every coordinator admits jobs against what all of them have promised. Not durable: after a restart of the whole
     * cluster nothing runs, so nothing is held.
     */
    public static final String RESERVATIONS_MAP = "gridexec-reservations";
    /** The maps that hold what the cluster must not lose: records, their results kept apart, jars, ledgers, cancel requests. */
    public static final java.util.List<String> DURABLE_MAPS = java.util.List.of(JOBS_MAP, RESULTS_MAP, ARTIFACTS_MAP, LEDGER_MAP,
            CANCELS_MAP);
    /** The type of each durable map's values, as the store keeps them. */
    static final Map<String, ValueType> DURABLE_VALUES = Map.of(JOBS_MAP, ValueType.TEXT, RESULTS_MAP, ValueType.BYTES,
            ARTIFACTS_MAP, ValueType.BYTES,
            LEDGER_MAP, ValueType.BYTES, CANCELS_MAP, ValueType.TEXT);
    /** The split-brain protection the maps use when {@code min-cluster-size} is above 1. */
    public static final String SPLIT_BRAIN_PROTECTION = "gridexec-majority";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterConfigs.class);
    private static final java.util.concurrent.atomic.AtomicBoolean SAID_UNAUTHENTICATED = new java.util.concurrent.atomic.AtomicBoolean();

    private ClusterConfigs() {
    }

    /**
     * A member's configuration.
     *
     * @param lite       a lite member (the coordinator) holds no data and runs no chunks
     * @param attributes announced to the cluster (capacity, version, role)
     * @throws dev.gridexec.store.StoreUnavailableException when {@code settings.store()} names a database a data member
     *         cannot use
     */
    public static Config member(ClusterSettings settings, String instanceName, boolean lite, Map<String, String> attributes) {
        Config config = new Config();
        config.setInstanceName(instanceName);
        config.setClusterName(settings.clusterName());
        config.setLiteMember(lite);
        config.getMemberAttributeConfig().setAttributes(attributes);
        config.getUserContext().put(Seal.USER_CONTEXT_KEY, settings.secret().map(Seal::with).orElseGet(Seal::none));
        if (settings.secret().isEmpty()) {
            sayUnauthenticated(settings);
        }

        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(settings.failureSeconds()));
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        // gridexec shuts members down itself (drain first, then a graceful leave that hands partitions over).
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "60");
        config.setProperty("hazelcast.local.localAddress", settings.host());

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(settings.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (settings.kubernetesDns().isPresent()) {
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", settings.kubernetesDns().get());
            network.getInterfaces().setEnabled(false);
            config.getProperties().remove("hazelcast.local.localAddress");
        } else {
            join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
            join.getTcpIpConfig().addMember(settings.host() + ":" + settings.port());
            settings.members().forEach(join.getTcpIpConfig()::addMember);
        }

        config.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(64).setStatisticsEnabled(false));
        config.addExecutorConfig(new ExecutorConfig(CONTROL_EXECUTOR).setPoolSize(4).setStatisticsEnabled(false));
        config.addExecutorConfig(new ExecutorConfig(KERNEL_CALL_EXECUTOR).setPoolSize(64).setStatisticsEnabled(false));
        config.addExecutorConfig(new ExecutorConfig(PROOF_EXECUTOR).setPoolSize(2).setStatisticsEnabled(false));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        MapConfig jobs = replicated(JOBS_MAP, LatestUpdateMergePolicy.class).setPerEntryStatsEnabled(true);
        MapConfig results = replicated(RESULTS_MAP, PutIfAbsentMergePolicy.class).setStatisticsEnabled(false);
        MapConfig artifacts = replicated(ARTIFACTS_MAP, PutIfAbsentMergePolicy.class).setStatisticsEnabled(false);
        MapConfig ledger = replicated(LEDGER_MAP, PutIfAbsentMergePolicy.class).setStatisticsEnabled(false);
        MapConfig cancels = replicated(CANCELS_MAP, PutIfAbsentMergePolicy.class).setStatisticsEnabled(false);
        MapConfig reservations = replicated(RESERVATIONS_MAP, LatestUpdateMergePolicy.class).setPerEntryStatsEnabled(true);
        java.util.List<MapConfig> maps = java.util.List.of(jobs, results, artifacts, ledger, cancels, reservations);
        if (settings.minClusterSize() > 1) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(SPLIT_BRAIN_PROTECTION, true, settings.minClusterSize()));
            maps.forEach(map -> map.setSplitBrainProtectionName(SPLIT_BRAIN_PROTECTION));
        }
        if (!lite && settings.store().isPresent()) {
            attachStore(config, maps, settings.store().get());
        }
        maps.forEach(config::addMapConfig);
        return config;
    }

    /** Says once per process that this cluster's members are not authenticated (louder when it listens beyond loopback). */
    private static void sayUnauthenticated(ClusterSettings settings) {
        if (!SAID_UNAUTHENTICATED.compareAndSet(false, true)) {
            return;
        }
        String message = "cluster {}: no cluster secret (cluster-secret-file), so members are not authenticated: whoever reaches"
                + " a Hazelcast port and knows the cluster name joins, is sent work and may edit job records (README: Threat model)";
        if (settings.kubernetesDns().isPresent() || !isLoopback(settings.host())) {
            LOG.warn(message, settings.clusterName());
        } else {
            LOG.info(message, settings.clusterName());
        }
    }

    /** A map with one synchronous backup whose entries, after a split brain heals, merge by {@code mergePolicy} (a Hazelcast merge policy class). */
    private static MapConfig replicated(String name, Class<?> mergePolicy) {
        return new MapConfig(name).setBackupCount(1).setAsyncBackupCount(0)
                .setMergePolicyConfig(new MergePolicyConfig(mergePolicy.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Write-through to {@code store}, eager load, one store per map; the database closes when the member stops. */
    private static void attachStore(Config config, java.util.List<MapConfig> maps, StoreSettings store) {
        StoreDatabase database = StoreDatabase.open(store, DURABLE_VALUES);
        config.addListenerConfig(new ListenerConfig((LifecycleListener) event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                database.close();
            }
        }));
        for (MapConfig map : maps.stream().filter(map -> DURABLE_MAPS.contains(map.getName())).toList()) {
            map.setMapStoreConfig(new MapStoreConfig()
                    .setEnabled(true)
                    .setImplementation(database.store(map.getName()))
                    .setWriteDelaySeconds(0)
                    .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER));
        }
    }
}
