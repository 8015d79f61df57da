package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.testkernels.TestJars;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code POST /artifacts}, and tasks whose kernel comes from an uploaded jar, over one in-process node. */
@Timeout(60)
class ArtifactRoutesTest extends PlainApiPerTest {

    private static final byte[] JAR = TestJars.testKernels();
    private static final String SHA = Artifacts.sha256(JAR);
    private static final String AT = " in artifact " + SHA.substring(0, 12);

    private static String task(String kernel, String more) {
        return "{\"kernel\":\"" + kernel + "\",\"artifact\":\"" + SHA + "\",\"chunks\":4,\"workers\":2" + more + "}";
    }

    private void upload() throws Exception {
        assertThat(api.post("/artifacts", JAR).statusCode()).isIn(200, 201);
    }

    private JsonNode errors(String taskJson) throws Exception {
        HttpResponse<String> response = api.post("/jobs", taskJson);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return json(response).get("errors");
    }

    @Test
    void aJarIsStoredUnderItsSha256OnceAndTheAnswerSaysWhetherItWasNew() throws Exception {
        HttpResponse<String> first = api.post("/artifacts", JAR);
        HttpResponse<String> again = api.send(api.request("/artifacts") // what curl --data-binary sends
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JAR)).build());

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"sha256\":\"" + SHA + "\",\"size\":" + JAR.length + "}");
        assertThat(json(again)).isEqualTo(json(first));
    }

    @Test
    void aBodyThatIsNotAJarIs400SayingWhy() throws Exception {
        HttpResponse<String> garbage = api.post("/artifacts", "#!/bin/sh\necho hello\n");
        HttpResponse<String> empty = api.post("/artifacts", new byte[0]);

        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(json(garbage).at("/errors/0/path").asText()).isEqualTo("$");
        assertThat(json(garbage).at("/errors/0/message").asText()).startsWith("not a jar (a zip archive): ");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("{\"errors\":[{\"path\":\"$\",\"message\":\"the body is empty: send the bytes of a jar\"}]}");
    }

    @Test
    void aJarOverTheArtifactLimitIs413NamingThatLimitWhileTasksKeepTheirOwn() throws Exception {
        byte[] noise = new byte[(int) ApiFixture.MAX_ARTIFACT_BYTES];
        new SplittableRandom(1).nextBytes(noise); // incompressible: the jar stays over the limit
        byte[] big = TestJars.jar(Map.of("padding.bin", noise));
        HttpResponse<String> response = api.post("/artifacts", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"path\":\"$\",\"message\":\"the request body is larger than the limit of "
                + ApiFixture.MAX_ARTIFACT_BYTES + " bytes\"}]}");
        assertThat(api.post("/jobs", "{\"kernel\":\"primes\",\"name\":\"" + "x".repeat(5000) + "\"}").statusCode())
                .as("the job route keeps its 4 KiB limit").isEqualTo(413);
    }

    @Test
    void otherMethodsOnArtifactsAre405() throws Exception {
        HttpResponse<String> response = api.get("/artifacts");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aTaskOfAnArtifactNotUploadedIs400SayingToUploadIt() throws Exception {
        assertThat(errors(task("TokenKernel", "")).toString()).isEqualTo(
                "[{\"path\":\"artifact\",\"message\":\"no artifact with sha256 " + SHA + "; upload it first\"}]");
    }

    @Test
    void aClassThatIsMissingOrNotAKernelIs400NamingIt() throws Exception {
        upload();
        assertThat(errors(task("com.example.Missing", "")).at("/0/message").asText()).isEqualTo("no class com.example.Missing" + AT);
        assertThat(errors(task(TestJars.PACKAGE + ".NotAKernel", "")).at("/0/message").asText())
                .isEqualTo("class " + TestJars.PACKAGE + ".NotAKernel" + AT + " does not implement dev.gridexec.kernel.api.Kernel");
        assertThat(errors(task(TestJars.PACKAGE + ".NoPublicConstructor", "")).at("/0/message").asText())
                .isEqualTo("kernel class " + TestJars.PACKAGE + ".NoPublicConstructor" + AT + " needs a public no-argument constructor");
    }

    @Test
    void kernelsThatThrowInSplitOrReduceFailTheirJobWithTheReasonWhileOtherJobsGoOn() throws Exception {
        upload();
        String running = api.submit(task("TokenKernel", ",\"params\":{\"millis\":100}")).get("id").asText();
        JsonNode split = api.awaitEnd(api.submit(task("SplitFails", "")).get("id").asText());
        JsonNode reduce = api.awaitEnd(api.submit(task("ReduceFails", "")).get("id").asText());
        JsonNode good = api.awaitEnd(running);

        assertThat(split.get("state").asText()).isEqualTo("FAILED");
        assertThat(split.at("/error/reason").asText()).isEqualTo("kernel");
        assertThat(split.at("/error/message").asText()).startsWith("split failed: java.lang.IllegalStateException: split refuses (at "
                + TestJars.PACKAGE + ".SplitFails.split(SplitFails.java:");
        assertThat(reduce.get("state").asText()).isEqualTo("FAILED");
        assertThat(reduce.at("/error/message").asText()).startsWith("reduce failed: java.lang.ArithmeticException: reduce refuses");
        assertThat(good.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(good.get("result").toString()).isEqualTo("{\"chunks\":4,\"distinct\":1}");
        assertThat(good.at("/task/kernel").asText()).isEqualTo(TestJars.PACKAGE + ".TokenKernel");
        assertThat(good.at("/task/artifact").asText()).isEqualTo(SHA);
        assertThat(api.kernels().artifacts().size()).isEqualTo(1);
    }

    @Test
    void aJarKernelInSlotsRunsEachSlotOnItsOwnStatics() throws Exception {
        upload();
        JsonNode done = api.awaitEnd(api.submit(task("TokenKernel", ",\"mode\":\"slots\",\"params\":{\"millis\":30}")).get("id").asText());
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/result/distinct").asInt()).isEqualTo(2);
        assertThat(new String(JAR, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    }
}
