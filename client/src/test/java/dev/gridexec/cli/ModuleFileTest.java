package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void moduleGivenByPathIsSentAsTheSourceOfTheFileNextToTheTask() throws IOException {
        Files.createDirectories(dir.resolve("py"));
        Files.writeString(dir.resolve("py/count.py"), "def run(params, chunk):\n    return 1\n");
        Path taskFile = dir.resolve("task.json");
        byte[] task = "{\"kernel\":\"python\",\"params\":{\"module\":{\"path\":\"py/count.py\"},\"limit\":5}}".getBytes(StandardCharsets.UTF_8);
        TaskJar read = TaskJar.read(taskFile, task, null, Long.MAX_VALUE);
        ObjectNode sent = (ObjectNode) JSON.readTree(read.task());
        assertThat(sent.at("/params/module").asText()).isEqualTo("def run(params, chunk):\n    return 1\n");
        assertThat(sent.at("/params/limit").asInt()).isEqualTo(5);
        assertThat(read.jar()).isNull();
    }

    @Test
    void experimentSpecTaskModulesAreInlinedTooAndOtherSpecsAreUntouched() throws IOException {
        Files.writeString(dir.resolve("m.py"), "x = 1\n");
        byte[] spec = "{\"name\":\"n\",\"task\":{\"kernel\":\"python\",\"params\":{\"module\":{\"path\":\"m.py\"}}}}".getBytes(StandardCharsets.UTF_8);
        assertThat(JSON.readTree(ModuleFile.inlineInSpec(spec, dir.resolve("spec.json"))).at("/task/params/module").asText())
                .isEqualTo("x = 1\n");
        byte[] plain = "{\"name\":\"n\",\"task\":{\"kernel\":\"primes\",\"params\":{\"limit\":1.50}}}".getBytes(StandardCharsets.UTF_8);
        assertThat(ModuleFile.inlineInSpec(plain, dir.resolve("spec.json"))).isSameAs(plain);
    }

    @Test
    void aMissingFileOrAMalformedModuleIsAClearError() {
        byte[] missing = "{\"kernel\":\"python\",\"params\":{\"module\":{\"path\":\"nope.py\"}}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TaskJar.read(dir.resolve("t.json"), missing, null, Long.MAX_VALUE))
                .isInstanceOf(IOException.class).hasMessageContaining("nope.py").hasMessageContaining("does not exist");
        byte[] malformed = "{\"kernel\":\"python\",\"params\":{\"module\":{\"file\":\"a.py\"}}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TaskJar.read(dir.resolve("t.json"), malformed, null, Long.MAX_VALUE))
                .isInstanceOf(IOException.class).hasMessageContaining("{\"path\": \"FILE.py\"}");
    }
}
