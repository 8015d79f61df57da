package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamProblem;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a kernel end to end in one thread, as the runtime would: params, split, run every chunk, reduce.
 * Inputs and outputs go through JSON on the way, as they do between nodes.
 */
final class KernelRunner {

    /** The seed of tests that do not choose one. */
    static final long SEED = 20240601L;

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private KernelRunner() {
    }

    /** The result of the task {@code params} cut into (at most) {@code chunks} chunks, with the default seed. */
    static <P, I, O, R> R run(Kernel<P, I, O, R> kernel, Map<String, ?> params, int chunks) {
        return run(kernel, params, chunks, SEED);
    }

    /** The result of the task {@code params} cut into (at most) {@code chunks} chunks. */
    static <P, I, O, R> R run(Kernel<P, I, O, R> kernel, Map<String, ?> params, int chunks, long seed) {
        P p = params(kernel, params);
        List<I> inputs = split(kernel, p, chunks, seed);
        List<O> outputs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            I input = copy(inputs.get(i), kernel.inputType());
            O output;
            try {
                output = kernel.run(p, input, TestContext.of(i, seed));
            } catch (Exception e) {
                throw new AssertionError("chunk " + i + " failed", e);
            }
            outputs.add(copy(output, kernel.outputType()));
        }
        return kernel.reduce(p, outputs);
    }

    /** The kernel's split, checked against the SPI's promises: at most as many chunks as asked, never none. */
    static <P, I> List<I> split(Kernel<P, I, ?, ?> kernel, P params, int chunks, long seed) {
        List<I> inputs = kernel.split(params, new SplitRequest(chunks, seed));
        assertThat(inputs).as("chunk inputs for %d chunks", chunks).isNotEmpty().hasSizeLessThanOrEqualTo(chunks);
        return inputs;
    }

    /** The params record, asserting that they are valid and that every name was read. */
    static <P> P params(Kernel<P, ?, ?, ?> kernel, Map<String, ?> params) {
        ParamReader reader = new ParamReader(params);
        P p = kernel.params(reader);
        assertThat(reader.problems()).as("problems with %s", params).isEmpty();
        assertThat(reader.unreadNames()).as("unread names").isEmpty();
        return p;
    }

    /** The problems the kernel reports with {@code params}. */
    static List<ParamProblem> problems(Kernel<?, ?, ?, ?> kernel, Map<String, ?> params) {
        ParamReader reader = new ParamReader(params);
        kernel.params(reader);
        return reader.problems();
    }

    /** {@code value} as the runtime's JSON (NON_NULL inclusion). */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} through JSON and back, as it travels between nodes. */
    static <T> T copy(Object value, Class<T> type) {
        try {
            return JSON.readValue(JSON.writeValueAsBytes(value), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
