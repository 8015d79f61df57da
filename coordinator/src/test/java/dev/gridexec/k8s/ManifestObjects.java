package dev.gridexec.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.k8s.Manifests.Rendering;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finding one's way in the parsed Kubernetes objects of a {@link Rendering}: objects by kind and name, the
 * workloads and their pods, containers' ports, Secrets' values, and the typed views of SnakeYAML's maps and lists.
 */
final class ManifestObjects {

    private ManifestObjects() {
    }

    // ---------------------------------------------------------------- objects

    static List<Map<String, Object>> byKind(Rendering rendering, String kind) {
        return rendering.objects().stream().filter(o -> kind(o).equals(kind)).toList();
    }

    static Map<String, Object> named(Rendering rendering, String kind, String name) {
        List<Map<String, Object>> found = byKind(rendering, kind).stream().filter(o -> name(o).equals(name)).toList();
        assertThat(found).as("%s: %s/%s", rendering, kind, name).hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> only(Rendering rendering, String kind) {
        List<Map<String, Object>> found = byKind(rendering, kind);
        assertThat(found).as("%s: objects of kind %s", rendering, kind).hasSize(1);
        return found.get(0);
    }

    static Set<String> ids(Rendering rendering) {
        return rendering.objects().stream().map(ManifestObjects::id).collect(Collectors.toCollection(TreeSet::new));
    }

    static String id(Map<String, Object> object) {
        return kind(object) + "/" + name(object);
    }

    static String kind(Map<String, Object> object) {
        return String.valueOf(object.get("kind"));
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    /** A Secret's values, decoded. */
    static Map<String, String> secretData(Map<String, Object> secret) {
        Map<String, String> data = new LinkedHashMap<>(stringMap(secret.getOrDefault("stringData", Map.of())));
        stringMap(secret.getOrDefault("data", Map.of()))
                .forEach((k, v) -> data.put(k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
        return data;
    }

    // ---------------------------------------------------------------- workloads, pods and containers

    static List<Map<String, Object>> workloads(Rendering rendering) {
        return rendering.objects().stream().filter(o -> Set.of("StatefulSet", "Deployment", "DaemonSet", "Job").contains(kind(o)))
                .toList();
    }

    /** The workloads of gridexec's own processes (nodes and coordinators), not the database of an overlay. */
    static List<Map<String, Object>> gridexecWorkloads(Rendering rendering) {
        return workloads(rendering).stream()
                .filter(w -> Set.of("node", "coordinator").contains(podLabels(w).get("app.kubernetes.io/component"))).toList();
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    static Map<String, String> podLabels(Map<String, Object> workload) {
        return stringMap(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("labels"));
    }

    static List<Map<String, Object>> containerPorts(Map<String, Object> workload) {
        return listOfMaps(podSpec(workload).get("containers")).stream()
                .flatMap(c -> listOfMaps(c.getOrDefault("ports", List.of())).stream()).toList();
    }

    static int containerPortNumber(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            assertThat(listOfMaps(container.get("ports"))).as("container %s declares port %s", container.get("name"), number)
                    .anySatisfy(p -> assertThat(p.get("containerPort")).isEqualTo(number));
            return number;
        }
        return listOfMaps(container.get("ports")).stream().filter(p -> Objects.equals(p.get("name"), port))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("container " + container.get("name") + " declares no port named " + port));
    }

    // ---------------------------------------------------------------- SnakeYAML's maps and lists

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static Map<String, String> stringMap(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        map(value).forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings;
    }

    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        assertThat(value).isInstanceOf(List.class);
        return new ArrayList<>((List<?>) value);
    }

    static List<Map<String, Object>> listOfMaps(Object value) {
        return list(value).stream().map(ManifestObjects::map).toList();
    }
}
