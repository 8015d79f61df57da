package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A task asking for more than the coordinator's settings allow is a 400 naming the field and the limit. */
@Timeout(60)
class TaskLimitsTest extends ApiPerTest {

    @Test
    void theThreadBombIs400NamingThreadsPerSlotAndTheSetting() throws Exception {
        api = ApiFixture.start();

        HttpResponse<String> response = api.post("/jobs", "{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":1,"
                + "\"workers\":4096,\"mode\":\"slots\",\"threadsPerSlot\":256}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = json(response).get("errors");
        assertThat(errors.findValuesAsText("path")).containsExactly("workers");
        assertThat(errors.get(0).get("message").asText()).contains("at most 1024", "max-workers");
        assertThat(api.get("/jobs").body()).isEqualTo("{\"jobs\":[],\"next\":null}");
    }

    @Test
    void workersTimesThreadsPerSlotOverTheNodeLimitIs400() throws Exception {
        api = ApiFixture.start(ApiSettings.defaults().withMaxBodyBytes(4096).withTaskLimits(new TaskLimits(100, 64, 8, 128)),
                () -> List.of(ApiFixture.LOCAL_NODE), Function.identity());

        HttpResponse<String> slots = api.post("/jobs", "{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":1,"
                + "\"workers\":64,\"mode\":\"slots\",\"threadsPerSlot\":4}");
        HttpResponse<String> counts = api.post("/jobs", "{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":101,"
                + "\"workers\":65,\"nodes\":9}");

        assertThat(slots.statusCode()).isEqualTo(400);
        JsonNode slotError = json(slots).get("errors").get(0);
        assertThat(slotError.get("path").asText()).isEqualTo("threadsPerSlot");
        assertThat(slotError.get("message").asText()).contains("64 x 4 = 256 threads", "at most 128", "max-threads-per-node");
        assertThat(counts.statusCode()).isEqualTo(400);
        assertThat(json(counts).get("errors").findValuesAsText("path")).containsExactly("chunks", "workers", "nodes");
        assertThat(api.submit("{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":4,\"workers\":32,"
                + "\"mode\":\"slots\",\"threadsPerSlot\":4}").get("state").asText()).isNotBlank();
    }

    @Test
    void limitsOutsideTheTaskFormatAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TaskLimits(0, 1, 1, 1)).withMessageContaining("maxChunks");
        assertThatIllegalArgumentException().isThrownBy(() -> new TaskLimits(1, 5000, 1, 1)).withMessageContaining("maxWorkers");
    }
}
