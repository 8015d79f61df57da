package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.jobs.ForwardingJobService;
import dev.gridexec.jobs.JobService;
import dev.gridexec.scheduler.JobListener;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventsRouteTest extends ApiPerTest {

    /** One Server-Sent Event. */
    record Event(String name, JsonNode data) {
    }

    @Test
    void streamCarriesStateThenProgressThenTheEndRecordThatGetShows() throws Exception {
        api = ApiFixture.start();
        String id = api.submit("{\"kernel\":\"probe\",\"params\":{\"action\":\"spin\",\"millis\":40},\"chunks\":40,\"workers\":2}")
                .get("id").asText();

        HttpResponse<Stream<String>> response = api.http().send(api.request("/jobs/" + id + "/events").GET().build(),
                HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<Event> events = readAll(response.body());
        assertThat(events.get(0).name()).isEqualTo("state");
        assertThat(events.get(0).data().get("id").asText()).isEqualTo(id);
        assertThat(events.get(0).data().get("state").asText()).as("a job of 0.8 s is still on when followed").isIn("QUEUED", "RUNNING");
        assertThat(events.get(events.size() - 1).name()).isEqualTo("end");
        List<Event> progress = events.stream().filter(e -> e.name().equals("progress")).toList();
        assertThat(events.stream().map(Event::name)).containsOnly("state", "progress", "end");
        assertThat(progress).isNotEmpty();
        assertThat(progress).allSatisfy(p -> {
            assertThat(fieldNames(p.data())).containsExactly("done", "total", "retried", "elapsedMs");
            assertThat(p.data().get("total").asInt()).isEqualTo(40);
        });
        assertThat(progress.get(progress.size() - 1).data().get("done").asInt()).as("the last progress is always sent").isEqualTo(40);
        JsonNode end = events.get(events.size() - 1).data();
        assertThat(end.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(end).isEqualTo(ApiFixture.json(api.get("/jobs/" + id)));
    }

    @Test
    void progressIsThrottledToAboutTenASecond() throws Exception {
        api = ApiFixture.start();
        String id = api.submit("{\"kernel\":\"probe\",\"params\":{\"action\":\"spin\",\"millis\":2},\"chunks\":500,\"workers\":2}")
                .get("id").asText();

        List<Event> events = readAll(api.http().send(api.request("/jobs/" + id + "/events").GET().build(),
                HttpResponse.BodyHandlers.ofLines()).body());

        assertThat(events.get(0).data().get("state").asText()).isIn("QUEUED", "RUNNING");
        long wallMs = events.get(events.size() - 1).data().get("timing").get("wallMs").asLong();
        List<Event> progress = events.stream().filter(e -> e.name().equals("progress")).toList();
        assertThat(progress).isNotEmpty().hasSizeLessThanOrEqualTo((int) (wallMs / EventStream.PROGRESS_INTERVAL_MS) + 3);
        assertThat(progress.get(progress.size() - 1).data().get("done").asInt()).isEqualTo(500);
        List<Integer> done = progress.stream().map(p -> p.data().get("done").asInt()).toList();
        assertThat(done).isSorted();
    }

    @Test
    void streamOfAnEndedJobIsStateThenEnd() throws Exception {
        api = ApiFixture.start();
        String id = api.submit(JobRoutesTest.PRIMES).get("id").asText();
        JsonNode done = api.awaitEnd(id);

        List<Event> events = readAll(api.http().send(api.request("/jobs/" + id + "/events").GET().build(),
                HttpResponse.BodyHandlers.ofLines()).body());

        assertThat(events).extracting(Event::name).containsExactly("state", "end");
        assertThat(events.get(0).data()).isEqualTo(done);
        assertThat(events.get(1).data()).isEqualTo(done);
    }

    @Test
    void clientThatDisconnectsStopsFollowingTheJob() throws Exception {
        CountDownLatch unsubscribed = new CountDownLatch(1);
        api = ApiFixture.start(4096, () -> List.of(ApiFixture.LOCAL_NODE), service -> new Watched(service, unsubscribed));
        String id = api.submit("{\"kernel\":\"probe\",\"params\":{\"action\":\"spin\",\"millis\":60000},\"chunks\":2,\"workers\":1}")
                .get("id").asText();

        HttpResponse<InputStream> response = api.http().send(api.request("/jobs/" + id + "/events").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("event: state");
        }

        assertThat(unsubscribed.await(30, TimeUnit.SECONDS)).as("unsubscribed after the client left").isTrue();
        assertThat(ApiFixture.json(api.delete("/jobs/" + id)).get("state").asText()).isEqualTo("CANCELLED");
    }

    /** Reads events until the stream ends. */
    private static List<Event> readAll(Stream<String> lines) throws Exception {
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
            String line = it.next();
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            } else if (line.isEmpty() && name != null) {
                events.add(new Event(name, ApiFixture.JSON.readTree(data.toString())));
                name = null;
                data.setLength(0);
            }
        }
        return events;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A service whose watch handles count down a latch when they are run. */
    private static final class Watched extends ForwardingJobService {
        private final CountDownLatch unsubscribed;

        Watched(JobService delegate, CountDownLatch unsubscribed) {
            super(delegate);
            this.unsubscribed = unsubscribed;
        }

        @Override
        public Optional<Runnable> watch(String id, JobListener listener) {
            return delegate.watch(id, listener).map(stop -> () -> {
                stop.run();
                unsubscribed.countDown();
            });
        }
    }
}
