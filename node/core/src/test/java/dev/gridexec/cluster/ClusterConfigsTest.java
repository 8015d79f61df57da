package dev.gridexec.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import dev.gridexec.store.JdbcEntryStore;
import dev.gridexec.store.StoreSettings;
import dev.gridexec.store.StoreUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maps merge after a split heals, with min-cluster-size a minority side refuses them, and with a store they last. */
class ClusterConfigsTest {

    @TempDir
    Path dir;

    private static ClusterSettings settings(int minClusterSize) {
        return new ClusterSettings("test", "127.0.0.1", 5701, List.of(), Optional.empty(), 5, minClusterSize);
    }

    @Test
    void jobRecordsKeepTheLaterUpdateAndJarsAreKeptOnceWhenSidesMerge() {
        Config config = ClusterConfigs.member(settings(1), "m", false, Map.of());

        MapConfig jobs = config.getMapConfig(ClusterConfigs.JOBS_MAP);
        MapConfig artifacts = config.getMapConfig(ClusterConfigs.ARTIFACTS_MAP);
        assertThat(jobs.getMergePolicyConfig().getPolicy()).isEqualTo(LatestUpdateMergePolicy.class.getName());
        assertThat(jobs.isPerEntryStatsEnabled()).as("LatestUpdateMergePolicy needs each entry's update time").isTrue();
        assertThat(artifacts.getMergePolicyConfig().getPolicy()).isEqualTo(PutIfAbsentMergePolicy.class.getName());
        assertThat(config.getProperty("hazelcast.merge.first.run.delay.seconds")).isEqualTo("5");
        assertThat(jobs.getSplitBrainProtectionName()).as("off with min-cluster-size 1").isNull();
    }

    @Test
    void minClusterSizeAboveOneProtectsBothMaps() {
        Config config = ClusterConfigs.member(settings(3), "m", false, Map.of());

        assertThat(config.getSplitBrainProtectionConfig(ClusterConfigs.SPLIT_BRAIN_PROTECTION).getMinimumClusterSize()).isEqualTo(3);
        assertThat(config.getMapConfig(ClusterConfigs.JOBS_MAP).getSplitBrainProtectionName()).isEqualTo(ClusterConfigs.SPLIT_BRAIN_PROTECTION);
        assertThat(config.getMapConfig(ClusterConfigs.ARTIFACTS_MAP).getSplitBrainProtectionName())
                .isEqualTo(ClusterConfigs.SPLIT_BRAIN_PROTECTION);
    }

    @Test
    void minClusterSizeBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(0)).withMessageContaining("minClusterSize");
    }

    @Test
    void aDataMemberWritesEveryDurableMapThroughToTheStoreAndLoadsItEagerly() {
        ClusterSettings settings = settings(1).withStore(StoreSettings.of("jdbc:sqlite:" + dir.resolve("gridexec.db")));
        Config config = ClusterConfigs.member(settings, "m", false, Map.of());
        try {
            List<Object> stores = ClusterConfigs.DURABLE_MAPS.stream().map(name -> {
                MapStoreConfig store = config.getMapConfig(name).getMapStoreConfig();
                assertThat(store.isEnabled()).as(name).isTrue();
                assertThat(store.getWriteDelaySeconds()).as(name + ": write-through").isZero();
                assertThat(store.getInitialLoadMode()).as(name).isEqualTo(MapStoreConfig.InitialLoadMode.EAGER);
                assertThat(store.getImplementation()).as(name).isInstanceOf(JdbcEntryStore.class);
                return store.getImplementation();
            }).toList();
            assertThat(stores).as("one store, one table, per map").doesNotHaveDuplicates();
        } finally {
            shutDown(config);
        }
        JdbcEntryStore jobs = (JdbcEntryStore) config.getMapConfig(ClusterConfigs.JOBS_MAP).getMapStoreConfig().getImplementation();
        assertThatIllegalStateException().as("the member's shutdown closed the database").isThrownBy(() -> jobs.load("any"))
                .withMessageContaining("closed");
    }

    @Test
    void aLiteMemberNeitherOpensNorNeedsTheStore() throws Exception {
        ClusterSettings settings = settings(1).withStore(StoreSettings.of("jdbc:postgresql://127.0.0.1:" + closedPort() + "/gridexec"));
        Config config = ClusterConfigs.member(settings, "coordinator", true, Map.of());
        assertThat(ClusterConfigs.DURABLE_MAPS).allSatisfy(name ->
                assertThat(config.getMapConfig(name).getMapStoreConfig().isEnabled()).as(name).isFalse());
    }

    @Test
    void aDataMemberWhoseDatabaseIsUnreachableDoesNotStart() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/gridexec";
        ClusterSettings settings = settings(1).withStore(new StoreSettings(url, Optional.of("gridexec"), Optional.of("pw-never-shown")));
        assertThatThrownBy(() -> ClusterConfigs.member(settings, "m", false, Map.of()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("store: cannot use " + url + " as user gridexec: ")
                .hasMessageContaining("refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-never-shown").doesNotContain("\n"));
    }

    /** What the member does when it stops: fire SHUTDOWN at the configured lifecycle listeners. */
    private static void shutDown(Config config) {
        for (ListenerConfig listener : config.getListenerConfigs()) {
            if (listener.getImplementation() instanceof LifecycleListener lifecycle) {
                lifecycle.stateChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.SHUTDOWN));
            }
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
