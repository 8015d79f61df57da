package dev.gridexec.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

class ScrapeAnnotationsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"coordinator-deployment.yaml, http", "node-statefulset.yaml, health"})
    void podsAskPrometheusToScrapeTheirMetricsPort(String file, String portName) throws IOException {
        Map<String, Object> manifest;
        try (Reader reader = Files.newBufferedReader(Path.of("..", "k8s", "base", file))) {
            manifest = map(new Yaml().load(reader));
        }
        Map<String, Object> template = map(map(manifest.get("spec")).get("template"));
        Map<String, Object> annotations = map(map(template.get("metadata")).get("annotations"));
        Map<String, Object> container = map(((List<Object>) map(template.get("spec")).get("containers")).get(0));
        Object port = ((List<Object>) container.get("ports")).stream().map(ScrapeAnnotationsTest::map)
                .filter(p -> portName.equals(p.get("name"))).findFirst().orElseThrow().get("containerPort");

        assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/metrics")
                .containsEntry("prometheus.io/port", String.valueOf(port));
    }
}
