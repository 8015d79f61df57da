package dev.gridexec.k8s;

import static dev.gridexec.k8s.Apps.apps;
import static dev.gridexec.k8s.Apps.value;
import static dev.gridexec.k8s.ManifestObjects.listOfMaps;
import static dev.gridexec.k8s.ManifestObjects.map;
import static dev.gridexec.k8s.ManifestObjects.name;
import static dev.gridexec.k8s.ManifestObjects.named;
import static dev.gridexec.k8s.ManifestObjects.only;
import static dev.gridexec.k8s.ManifestObjects.podLabels;
import static dev.gridexec.k8s.ManifestObjects.stringMap;
import static dev.gridexec.k8s.ManifestObjects.workloads;
import static dev.gridexec.k8s.Manifests.STORE_ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.k8s.Apps.App;
import dev.gridexec.k8s.Manifests.Rendering;
import dev.gridexec.settings.SettingsSources;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks, on every rendering of the manifests (see {@link Manifests}), how nodes and coordinators come and go:
 * the HPA and budget take nodes down one at a time, a node's CPU request equals its workers and its grace period
 * outlasts its drain, and two coordinators, named after their pods, run behind a budget.
 */
class NodeLifecycleTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void nodesScaleDownOnePodAtATime(Rendering rendering) {
        Map<String, Object> hpa = only(rendering, "HorizontalPodAutoscaler");
        assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
        Map<String, Object> spec = map(hpa.get("spec"));
        Map<String, Object> target = map(spec.get("scaleTargetRef"));
        Map<String, Object> statefulSet = named(rendering, "StatefulSet", "gridexec-node");
        assertThat(target).containsEntry("kind", "StatefulSet").containsEntry("name", name(statefulSet))
                .containsEntry("apiVersion", "apps/v1");
        assertThat(listOfMaps(spec.get("metrics"))).anySatisfy(m -> {
            assertThat(m.get("type")).isEqualTo("Resource");
            assertThat(map(m.get("resource")).get("name")).isEqualTo("cpu");
        });
        List<Map<String, Object>> policies = listOfMaps(map(map(spec.get("behavior")).get("scaleDown")).get("policies"));
        assertThat(policies).as("%s: scale-down policies", rendering).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("type")).isEqualTo("Pods");
            assertThat(p.get("value")).isEqualTo(1);
        });
        int replicas = (Integer) map(statefulSet.get("spec")).get("replicas");
        assertThat(replicas).as("%s: node replicas within the HPA's bounds", rendering)
                .isBetween((Integer) spec.get("minReplicas"), (Integer) spec.get("maxReplicas"));

        Map<String, Object> pdb = named(rendering, "PodDisruptionBudget", "gridexec-node");
        Map<String, Object> pdbSpec = map(pdb.get("spec"));
        assertThat(pdbSpec.get("maxUnavailable")).isEqualTo(1);
        assertThat(pdbSpec).doesNotContainKey("minAvailable");
        assertThat(podLabels(statefulSet)).containsAllEntriesOf(stringMap(map(pdbSpec.get("selector")).get("matchLabels")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void nodeCpuRequestsEqualTheirWorkersAndTheyHaveTimeToDrain(Rendering rendering) {
        App node = apps(rendering).stream().filter(a -> a.role().equals("node")).findFirst().orElseThrow();
        Map<String, Object> resources = map(node.container().get("resources"));
        double requested = cpu(map(resources.get("requests")).get("cpu"));
        assertThat(requested).as("%s: node CPU request vs GRIDEXEC_WORKERS %s", rendering, node.node().workers())
                .isEqualTo(node.node().workers());
        Object limit = map(resources.getOrDefault("limits", Map.of())).get("cpu");
        if (limit != null) {
            assertThat(cpu(limit)).as("%s: node CPU limit", rendering).isGreaterThanOrEqualTo(requested);
        }
        assertThat(map(resources.get("requests")).get("memory")).as("%s: node memory request", rendering).isNotNull();
        Object grace = node.podSpec().get("terminationGracePeriodSeconds");
        assertThat(grace).as("%s: terminationGracePeriodSeconds", rendering).isNotNull();
        assertThat(((Integer) grace).longValue()).as("%s: grace period above the drain timeout", rendering)
                .isGreaterThan(node.node().drainTimeout().toSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void twoCoordinatorsRunBehindABudgetEachNamedAfterItsPod(Rendering rendering) {
        Map<String, Object> deployment = named(rendering, "Deployment", "gridexec-coordinator");
        Map<String, Object> spec = map(deployment.get("spec"));
        assertThat(spec.get("replicas")).as("%s: coordinator replicas", rendering).isEqualTo(2);
        Map<String, Object> strategy = map(spec.get("strategy"));
        assertThat(strategy.get("type")).as("%s: a rollout replaces coordinators one at a time", rendering).isEqualTo("RollingUpdate");
        assertThat(map(strategy.get("rollingUpdate")).get("maxUnavailable")).as("%s: a new coordinator is ready before an old one stops",
                rendering).isEqualTo(0);

        Map<String, Object> pdb = map(named(rendering, "PodDisruptionBudget", "gridexec-coordinator").get("spec"));
        assertThat(pdb.get("minAvailable")).as("%s: the coordinators' budget", rendering).isEqualTo(1);
        assertThat(pdb).doesNotContainKey("maxUnavailable");
        Map<String, String> selector = stringMap(map(pdb.get("selector")).get("matchLabels"));
        assertThat(podLabels(deployment)).containsAllEntriesOf(selector);
        assertThat(workloads(rendering)).filteredOn(w -> podLabels(w).entrySet().containsAll(selector.entrySet()))
                .as("%s: workloads the coordinators' budget covers", rendering).containsExactly(deployment);

        App coordinator = apps(rendering).stream().filter(a -> a.role().equals("coordinator")).findFirst().orElseThrow();
        Map<String, Object> name = listOfMaps(coordinator.container().get("env")).stream()
                .filter(v -> Objects.equals(v.get("name"), SettingsSources.envName("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(rendering + ": the coordinators get no " + SettingsSources.envName("name")));
        assertThat(map(map(name.get("valueFrom")).get("fieldRef")).get("fieldPath")).as("%s: a coordinator's name", rendering)
                .isEqualTo("metadata.name");
        assertThat(coordinator.coordinator().name()).as("%s: the name the coordinator resolves", rendering)
                .isEqualTo(value(name, deployment, Map.of()));
        assertThat(coordinator.env()).as("%s: the coordinators hold no data and need no store", rendering)
                .doesNotContainKeys(STORE_ENV.keySet().toArray(String[]::new));
    }

    private static double cpu(Object quantity) {
        String text = quantity.toString();
        return text.endsWith("m") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 1000 : Double.parseDouble(text);
    }
}
