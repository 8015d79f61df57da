package dev.gridexec.k8s;

import static dev.gridexec.k8s.Apps.apps;
import static dev.gridexec.k8s.ManifestObjects.byKind;
import static dev.gridexec.k8s.ManifestObjects.containerPortNumber;
import static dev.gridexec.k8s.ManifestObjects.containerPorts;
import static dev.gridexec.k8s.ManifestObjects.id;
import static dev.gridexec.k8s.ManifestObjects.kind;
import static dev.gridexec.k8s.ManifestObjects.list;
import static dev.gridexec.k8s.ManifestObjects.listOfMaps;
import static dev.gridexec.k8s.ManifestObjects.map;
import static dev.gridexec.k8s.ManifestObjects.name;
import static dev.gridexec.k8s.ManifestObjects.named;
import static dev.gridexec.k8s.ManifestObjects.podLabels;
import static dev.gridexec.k8s.ManifestObjects.stringMap;
import static dev.gridexec.k8s.ManifestObjects.workloads;
import static dev.gridexec.k8s.Manifests.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.coordinator.CoordinatorSettings;
import dev.gridexec.k8s.Apps.App;
import dev.gridexec.k8s.Manifests.Rendering;
import dev.gridexec.node.NodeSettings;
import dev.gridexec.settings.SettingsSources;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks, on every rendering of the manifests (see {@link Manifests}), how the workloads are wired: labels and
 * namespace, Services to pods and ports, every environment variable against the node's and coordinator's own
 * settings classes, probes, Hazelcast discovery and the image the build produces.
 */
class WorkloadWiringTest {

    private static final Set<String> LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/version");
    private static final Set<String> HEALTH_PATHS = Set.of("/health/live", "/health/ready");
    /** Environment variables the processes read besides their settings keys (the entrypoint, logging, the file). */
    private static final Set<String> EXTRA_ENV = Set.of("JAVA_OPTS", "GRIDEXEC_LOG_LEVEL", SettingsSources.envName(SettingsSources.CONFIG_KEY));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void everyObjectCarriesTheAppLabelsAndLivesInTheNamespace(Rendering rendering) {
        for (Map<String, Object> object : rendering.objects()) {
            Map<String, Object> labels = map(map(object.get("metadata")).get("labels"));
            assertThat(labels).as("%s: labels of %s", rendering, id(object)).containsKeys(LABELS.toArray(String[]::new));
            assertThat(labels.get("app.kubernetes.io/part-of")).isEqualTo("gridexec");
            assertThat(labels.get("app.kubernetes.io/version")).as("%s: version label of %s", rendering, id(object))
                    .isEqualTo(VERSION);
            if (!kind(object).equals("Namespace")) {
                assertThat(map(object.get("metadata")).get("namespace")).as("%s: namespace of %s", rendering, id(object))
                        .isEqualTo("gridexec");
            }
        }
        assertThat(rendering.objects()).filteredOn(o -> kind(o).equals("Namespace")).extracting(ManifestObjects::name)
                .containsExactly("gridexec");
        for (Map<String, Object> workload : workloads(rendering)) {
            Map<String, Object> spec = map(workload.get("spec"));
            Map<String, Object> podLabels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
            assertThat(podLabels).as("%s: pod labels of %s", rendering, id(workload)).containsKeys(LABELS.toArray(String[]::new));
            assertThat(podLabels).as("%s: %s selects its own pods", rendering, id(workload))
                    .containsAllEntriesOf(stringMap(map(spec.get("selector")).get("matchLabels")));
            assertThat(map(map(spec.get("selector")).get("matchLabels"))).as("selectors must not carry the version")
                    .doesNotContainKey("app.kubernetes.io/version");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void servicesSelectAWorkloadsPodsAndTargetItsPorts(Rendering rendering) {
        List<Map<String, Object>> services = byKind(rendering, "Service");
        assertThat(services).extracting(ManifestObjects::name).contains("gridexec-nodes", "gridexec-coordinator");
        for (Map<String, Object> service : services) {
            Map<String, Object> spec = map(service.get("spec"));
            Map<String, String> selector = stringMap(spec.get("selector"));
            assertThat(selector).as("%s: selector of %s", rendering, id(service)).isNotEmpty();
            List<Map<String, Object>> selected = workloads(rendering).stream()
                    .filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet())).toList();
            assertThat(selected).as("%s: workloads whose pods %s selects", rendering, id(service)).hasSize(1);
            List<Map<String, Object>> ports = containerPorts(selected.get(0));
            for (Map<String, Object> port : listOfMaps(spec.get("ports"))) {
                Object target = port.getOrDefault("targetPort", port.get("port"));
                assertThat(ports).as("%s: %s targets port %s", rendering, id(service), target)
                        .anySatisfy(p -> assertThat(target instanceof Integer ? p.get("containerPort") : p.get("name"))
                                .isEqualTo(target));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void everyEnvironmentVariableIsOneTheProcessesUnderstand(Rendering rendering) {
        for (App app : apps(rendering)) {
            Set<String> keys = app.role().equals("node") ? NodeSettings.KEYS : CoordinatorSettings.KEYS;
            Set<String> known = new LinkedHashSet<>(EXTRA_ENV);
            keys.forEach(key -> known.add(SettingsSources.envName(key)));
            assertThat(app.env().keySet()).as("%s: environment of the %s", rendering, app.role()).isSubsetOf(known);
            assertThat(app.podSpec().get("enableServiceLinks")).as("%s: %s pods get no Service link variables", rendering,
                    app.role()).isEqualTo(false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void probesAskForTheHealthEndpointsOnThePortsTheProcessesServe(Rendering rendering) {
        for (App app : apps(rendering)) {
            int httpPort = app.role().equals("node") ? app.node().httpPort() : app.coordinator().httpPort();
            String httpHost = app.role().equals("node") ? app.node().httpHost() : app.coordinator().httpHost();
            assertThat(httpHost).as("%s: the %s's HTTP server must listen beyond loopback", rendering, app.role())
                    .isEqualTo("0.0.0.0");
            Map<String, Object> container = app.container();
            assertThat(path(container, "livenessProbe")).isEqualTo("/health/live");
            assertThat(path(container, "readinessProbe")).isEqualTo("/health/ready");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                if (container.get(probe) == null) {
                    continue;
                }
                Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
                assertThat(HEALTH_PATHS).as("%s: %s of the %s", rendering, probe, app.role()).contains(httpGet.get("path").toString());
                assertThat(containerPortNumber(container, httpGet.get("port"))).as("%s: %s port of the %s", rendering, probe,
                        app.role()).isEqualTo(httpPort);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void discoveryFindsTheHeadlessServiceOfTheNodes(Rendering rendering) {
        Map<String, Object> statefulSet = named(rendering, "StatefulSet", "gridexec-node");
        String serviceName = map(statefulSet.get("spec")).get("serviceName").toString();
        Map<String, Object> service = byKind(rendering, "Service").stream().filter(s -> name(s).equals(serviceName))
                .findFirst().orElseThrow(() -> new AssertionError(rendering + ": no Service " + serviceName));
        Map<String, Object> spec = map(service.get("spec"));
        assertThat(spec.get("clusterIP")).isEqualTo("None");
        assertThat(spec.get("publishNotReadyAddresses")).isEqualTo(true);
        assertThat(podLabels(statefulSet)).containsAllEntriesOf(stringMap(spec.get("selector")));
        String dns = serviceName + "." + map(service.get("metadata")).get("namespace") + ".svc.cluster.local";
        List<App> apps = apps(rendering);
        assertThat(apps).extracting(App::role).containsExactlyInAnyOrder("node", "coordinator");
        for (App app : apps) {
            var cluster = app.role().equals("node") ? app.node().cluster() : app.coordinator().cluster();
            assertThat(cluster.kubernetesDns()).as("%s: discovery of the %s", rendering, app.role()).contains(dns);
            assertThat(cluster.members()).isEmpty();
            assertThat(containerPortNumber(app.container(), "hazelcast")).as("%s: Hazelcast port of the %s", rendering, app.role())
                    .isEqualTo(cluster.port());
        }
        // DNS discovery connects to the members it finds on 5701 (Hazelcast's default, no service-port set).
        assertThat(apps.stream().filter(a -> a.role().equals("node")).findFirst().orElseThrow().node().cluster().port())
                .isEqualTo(5701);
        assertThat(listOfMaps(spec.get("ports"))).anySatisfy(p -> {
            assertThat(p.get("name")).isEqualTo("hazelcast");
            assertThat(p.get("port")).isEqualTo(5701);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void imagesAreTheOneTheBuildProduces(Rendering rendering) {
        for (App app : apps(rendering)) {
            assertThat(app.container().get("image")).as("%s: image of the %s", rendering, app.role()).isEqualTo("gridexec:" + VERSION);
            assertThat(list(app.container().get("args"))).as("%s: entrypoint argument", rendering).first().isEqualTo(app.role());
        }
    }

    private static String path(Map<String, Object> container, String probe) {
        assertThat(container.get(probe)).as("%s of container %s", probe, container.get("name")).isNotNull();
        return map(map(container.get(probe)).get("httpGet")).get("path").toString();
    }
}
