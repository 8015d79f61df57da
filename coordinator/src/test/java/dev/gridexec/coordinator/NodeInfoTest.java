package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.NodeLoad;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node's state, CPU load and heap in {@code GET /nodes}: from its load answer, the scheduler's slow mark, or neither. */
class NodeInfoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NodeInfo ANNOUNCED = new NodeInfo("node-a", "127.0.0.1:5701", 8, 8, "0.1.0", 1);

    private static NodeLoad load(boolean draining) {
        return new NodeLoad(8, 3, 1, Map.of("primes", 2), 0.25, 100L << 20, 1L << 30, draining);
    }

    @Test
    void aNodeThatAnsweredIsReadyWithItsCpuHeapAndLoad() {
        NodeInfo node = ANNOUNCED.withLoad(load(false));

        assertThat(node.state()).isEqualTo(NodeInfo.State.READY);
        assertThat(node.cpuLoad()).isEqualTo(0.25);
        assertThat(node.heapUsedBytes()).isEqualTo(100L << 20);
        assertThat(node.heapMaxBytes()).isEqualTo(1L << 30);
        assertThat(node.busyWorkers()).isEqualTo(3);
        assertThat(node.warmSlots()).containsEntry("primes", 2);
    }

    @Test
    void aNodeWhoseLoadDidNotComeIsSuspectWithNothingKnown() {
        assertThat(ANNOUNCED.state()).isEqualTo(NodeInfo.State.SUSPECT);
        assertThat(ANNOUNCED.cpuLoad()).isEqualTo(-1);
        assertThat(ANNOUNCED.heapUsedBytes()).isEqualTo(-1);
        assertThat(ANNOUNCED.busyWorkers()).isEqualTo(-1);
    }

    @Test
    void aSlowNodeIsSuspectUnlessItIsDraining() {
        assertThat(ANNOUNCED.withLoad(load(false)).withSlow(true).state()).isEqualTo(NodeInfo.State.SUSPECT);
        assertThat(ANNOUNCED.withLoad(load(true)).state()).isEqualTo(NodeInfo.State.DRAINING);
        assertThat(ANNOUNCED.withLoad(load(true)).withSlow(true).state()).isEqualTo(NodeInfo.State.DRAINING);
        assertThat(ANNOUNCED.withLoad(load(false)).withSlow(false).state()).isEqualTo(NodeInfo.State.READY);
    }

    @Test
    void stateIsWrittenInLowerCaseAndReadBack() throws Exception {
        NodeInfo node = ANNOUNCED.withLoad(load(true));
        String json = JSON.writeValueAsString(node);

        assertThat(JSON.readTree(json).get("state").asText()).isEqualTo("draining");
        assertThat(JSON.readTree(json).get("cpuLoad").asDouble()).isEqualTo(0.25);
        assertThat(JSON.readValue(json, NodeInfo.class)).isEqualTo(node);
    }

    @Test
    void jsonWithoutAStateGetsOneFromSlowAndBusyWorkers() throws Exception {
        String old = "{\"name\":\"n\",\"address\":\"a\",\"processors\":1,\"maxWorkers\":1,\"version\":\"v\",\"runningJobs\":0,"
                + "\"capacity\":1,\"busyWorkers\":%d,\"warmSlots\":{},\"slow\":%s}";

        assertThat(JSON.readValue(old.formatted(0, false), NodeInfo.class).state()).isEqualTo(NodeInfo.State.READY);
        assertThat(JSON.readValue(old.formatted(0, true), NodeInfo.class).state()).isEqualTo(NodeInfo.State.SUSPECT);
        assertThat(JSON.readValue(old.formatted(-1, false), NodeInfo.class).state()).isEqualTo(NodeInfo.State.SUSPECT);
    }
}
