package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.kernel.api.ChunkCancelledException;
import dev.gridexec.kernel.api.ParamProblem;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class MandelbrotKernelTest {

    private final MandelbrotKernel kernel = new MandelbrotKernel();

    private static Map<String, Object> image(boolean pixels) {
        Map<String, Object> params = new HashMap<>();
        params.put("width", 97L);
        params.put("height", 71L);
        params.put("maxIterations", 300L);
        params.put("xMin", new BigDecimal("-1.8"));
        params.put("xMax", new BigDecimal("0.6"));
        params.put("yMin", new BigDecimal("-1.1"));
        params.put("yMax", new BigDecimal("1.3"));
        params.put("pixels", pixels);
        return params;
    }

    /** The counts as the spec words them, pixel by pixel. */
    private static int[] reference(int width, int height, int maxIterations, double xMin, double xMax, double yMin, double yMax) {
        int[] counts = new int[width * height];
        double dx = (xMax - xMin) / width;
        double dy = (yMax - yMin) / height;
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                double cx = xMin + (px + 0.5) * dx;
                double cy = yMax - (py + 0.5) * dy;
                double x = 0;
                double y = 0;
                int n = 0;
                while (x * x + y * y <= 4.0 && n < maxIterations) {
                    double x2 = x * x - y * y + cx;
                    double y2 = 2 * x * y + cy;
                    x = x2;
                    y = y2;
                    n++;
                }
                counts[py * width + px] = n;
            }
        }
        return counts;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void countsEveryPixelAsSpecifiedForAnyChunkCount(int chunks) {
        int[] expected = reference(97, 71, 300, -1.8, 0.6, -1.1, 1.3);
        MandelbrotKernel.Result result = KernelRunner.run(kernel, image(true), chunks);
        assertThat(result.pixels()).containsExactly(expected);
        assertThat(result.width()).isEqualTo(97);
        assertThat(result.height()).isEqualTo(71);
        long sum = 0;
        for (int count : expected) {
            sum += count;
        }
        assertThat(result.checksum()).isEqualTo(sum);
        assertThat(KernelRunner.run(kernel, image(false), chunks).checksum()).isEqualTo(sum);
    }

    @Test
    void leavesPixelDataOutUnlessAsked() {
        MandelbrotKernel.Result result = KernelRunner.run(kernel, image(false), 3);
        assertThat(KernelRunner.json(result)).isEqualTo("{\"checksum\":" + result.checksum() + "}");
        MandelbrotKernel.Params params = KernelRunner.params(kernel, image(false));
        assertThat(kernel.run(params, new MandelbrotKernel.Rows(0, 71), TestContext.of(0, 0)).counts()).isEmpty();
        assertThat(KernelRunner.json(KernelRunner.run(kernel, image(true), 3)))
                .startsWith("{\"checksum\":" + result.checksum() + ",\"width\":97,\"height\":71,\"pixels\":[");
    }

    @Test
    void usesTheDefaultRectangle() {
        Map<String, Object> params = Map.of("width", 40L, "height", 30L, "maxIterations", 100L, "pixels", true);
        assertThat(KernelRunner.run(kernel, params, 4).pixels())
                .containsExactly(reference(40, 30, 100, -2.5, 1.0, -1.25, 1.25));
    }

    @Test
    void aPointThatNeverEscapesCountsMaxIterations() {
        Map<String, Object> params = Map.of("width", 1L, "height", 1L, "maxIterations", 100_000L,
                "xMin", new BigDecimal("-0.5"), "xMax", new BigDecimal("0.5"), "yMin", new BigDecimal("-0.5"), "yMax", new BigDecimal("0.5"));
        assertThat(KernelRunner.run(kernel, params, 1).checksum()).isEqualTo(100_000);
    }

    @Test
    void neverMakesMoreChunksThanRows() {
        MandelbrotKernel.Params params = KernelRunner.params(kernel, Map.of("width", 5L, "height", 3L, "maxIterations", 10L));
        assertThat(KernelRunner.split(kernel, params, 64, 0)).containsExactly(
                new MandelbrotKernel.Rows(0, 1), new MandelbrotKernel.Rows(1, 2), new MandelbrotKernel.Rows(2, 3));
    }

    @Test
    void reportsAnEmptyRectangleOnItsMaximum() {
        Map<String, Object> params = new HashMap<>(image(false));
        params.put("xMin", new BigDecimal("-2.0"));
        params.put("xMax", new BigDecimal("-3.0"));
        params.put("yMin", 1L);
        params.put("yMax", 1L);
        assertThat(KernelRunner.problems(kernel, params)).containsExactly(
                new ParamProblem("xMax", "must be greater than xMin (-2.0), got -3.0"),
                new ParamProblem("yMax", "must be greater than yMin (1.0), got 1.0"));
    }

    @Test
    void reportsOutOfRangeAndMissingSizes() {
        assertThat(KernelRunner.problems(kernel, Map.of("width", 0L, "maxIterations", 1_000_001L, "pixels", "yes")))
                .extracting(ParamProblem::path).containsExactly("width", "height", "maxIterations", "pixels");
        assertThat(KernelRunner.problems(kernel, Map.of("width", 16384L, "height", 16384L, "maxIterations", 1L, "pixels", true)))
                .extracting(ParamProblem::path).containsExactly("pixels");
    }

    @Test
    void stopsInsideALongPixelWhenCancelled() {
        TestContext context = TestContext.cancellingAfter(3);
        assertThatThrownBy(() -> MandelbrotKernel.iterations(0.0, 0.0, 1_000_000, context))
                .isInstanceOf(ChunkCancelledException.class);
        assertThat(context.checkpoints()).isEqualTo(4);
    }
}
