package dev.gridexec.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The maps merge after a split heals, and with min-cluster-size a minority side refuses them. */
class ClusterConfigsTest {

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
}
