package dev.gridexec.k8s;

import static dev.gridexec.k8s.ManifestObjects.byKind;
import static dev.gridexec.k8s.ManifestObjects.gridexecWorkloads;
import static dev.gridexec.k8s.ManifestObjects.id;
import static dev.gridexec.k8s.ManifestObjects.kind;
import static dev.gridexec.k8s.ManifestObjects.list;
import static dev.gridexec.k8s.ManifestObjects.listOfMaps;
import static dev.gridexec.k8s.ManifestObjects.map;
import static dev.gridexec.k8s.ManifestObjects.name;
import static dev.gridexec.k8s.ManifestObjects.podSpec;
import static dev.gridexec.k8s.ManifestObjects.stringMap;
import static dev.gridexec.k8s.Manifests.STORE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gridexec.coordinator.CoordinatorSettings;
import dev.gridexec.k8s.Manifests.Rendering;
import dev.gridexec.node.NodeSettings;
import dev.gridexec.settings.InvalidSettingsException;
import dev.gridexec.settings.SettingsSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node and coordinator containers of a {@link Rendering}, each with the environment its pod gives it and the
 * settings it resolves with the node's or coordinator's own settings class, as the process in the pod would.
 */
final class Apps {

    static final String CLUSTER_SECRET_FILE_ENV = SettingsSources.envName("cluster-secret-file");
    private static Path exampleClusterSecret;

    /** A node or coordinator container with its pod, the environment it gets and the settings it resolves. */
    record App(String role, Map<String, Object> workload, Map<String, Object> podSpec, Map<String, Object> container,
               Map<String, String> env, NodeSettings node, CoordinatorSettings coordinator) {
    }

    private Apps() {
    }

    static List<App> apps(Rendering rendering) {
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        for (Map<String, Object> configMap : byKind(rendering, "ConfigMap")) {
            configMaps.put(name(configMap), stringMap(configMap.getOrDefault("data", Map.of())));
        }
        List<App> apps = new ArrayList<>();
        Map<String, String> secrets = byKind(rendering, "Secret").stream().filter(s -> name(s).startsWith(STORE_SECRET))
                .findFirst().map(ManifestObjects::secretData).orElse(Map.of());
        for (Map<String, Object> workload : gridexecWorkloads(rendering)) {
            Map<String, Object> podSpec = podSpec(workload);
            for (Map<String, Object> container : listOfMaps(podSpec.get("containers"))) {
                String role = list(container.get("args")).isEmpty() ? "" : list(container.get("args")).get(0).toString();
                assertThat(role).as("%s: role of %s", rendering, id(workload)).isIn("node", "coordinator");
                Map<String, String> env = new LinkedHashMap<>();
                for (Map<String, Object> from : listOfMaps(container.getOrDefault("envFrom", List.of()))) {
                    assertThat(from).as("%s: envFrom of the %s", rendering, role).containsOnlyKeys("configMapRef");
                    String configMap = map(from.get("configMapRef")).get("name").toString();
                    assertThat(configMaps).as("%s: ConfigMap %s of the %s", rendering, configMap, role).containsKey(configMap);
                    env.putAll(configMaps.get(configMap));
                }
                for (Map<String, Object> variable : listOfMaps(container.getOrDefault("env", List.of()))) {
                    env.put(variable.get("name").toString(), value(variable, workload, secrets));
                }
                // The secret file lies in the pod's Secret volume; here an example file of the same shape stands in for it.
                Map<String, String> resolvable = new LinkedHashMap<>(env);
                resolvable.computeIfPresent(CLUSTER_SECRET_FILE_ENV, (variable, path) -> exampleClusterSecretFile().toString());
                try {
                    apps.add(role.equals("node")
                            ? new App(role, workload, podSpec, container, env, NodeSettings.resolve(Map.of(), resolvable), null)
                            : new App(role, workload, podSpec, container, env, null, CoordinatorSettings.resolve(Map.of(), resolvable)));
                } catch (InvalidSettingsException e) {
                    fail(rendering + ": the " + role + " would refuse its settings: " + e.problems());
                }
            }
        }
        return apps;
    }

    /**
     * A variable's value as the pod would see it: downward-API fields get a value of their shape (the pod name
     * one of {@code workload}'s pods would have), Secret keys the rendered Secret's value or, for a Secret made
     * outside the manifests, an example of the shape its key holds.
     */
    static String value(Map<String, Object> variable, Map<String, Object> workload, Map<String, String> secrets) {
        if (variable.containsKey("value")) {
            return String.valueOf(variable.get("value"));
        }
        Map<String, Object> from = map(variable.get("valueFrom"));
        Map<String, Object> secret = map(from.get("secretKeyRef"));
        if (!secret.isEmpty()) {
            assertThat(secret.get("name").toString()).as("variable %s: the Secret", variable.get("name")).startsWith(STORE_SECRET);
            String key = secret.get("key").toString();
            String example = switch (key) {
                case "url" -> "jdbc:postgresql://db.example.internal:5432/gridexec";
                case "user" -> "gridexec";
                case "password" -> "an-example-password";
                default -> throw new AssertionError("variable " + variable.get("name") + ": unexpected key " + key + " of " + STORE_SECRET);
            };
            return secrets.getOrDefault(key, example);
        }
        Map<String, Object> field = map(from.get("fieldRef"));
        assertThat(field).as("variable %s: only downward-API fields and Secret keys are expected", variable.get("name")).isNotEmpty();
        return switch (field.get("fieldPath").toString()) {
            case "status.podIP" -> "10.244.0.17";
            case "metadata.name" -> kind(workload).equals("StatefulSet") ? name(workload) + "-0" : name(workload) + "-5d8f7c9b6-x7k2p";
            case "metadata.namespace" -> "gridexec";
            default -> throw new AssertionError("unexpected downward-API field " + field.get("fieldPath"));
        };
    }

    /** A file holding a cluster secret of the shape {@code openssl rand -hex 32} makes (deleted when the JVM exits). */
    private static synchronized Path exampleClusterSecretFile() {
        if (exampleClusterSecret == null) {
            try {
                exampleClusterSecret = Files.createTempFile("gridexec-cluster-secret", "");
                exampleClusterSecret.toFile().deleteOnExit();
                Files.writeString(exampleClusterSecret, "3f9a".repeat(16) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exampleClusterSecret;
    }
}
