package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.List;

/**
 * The {@code mandelbrot} kernel: escape-time iteration counts over a rectangle of the complex plane.
 *
 * <p>Design notes. Chunks are contiguous row ranges. With {@code dx = (xMax - xMin) / width} and
 * {@code dy = (yMax - yMin) / height}, computed once, pixel {@code (px, py)} is the point
 * {@code cx = xMin + (px + 0.5) * dx}, {@code cy = yMax - (py + 0.5) * dy}. From {@code z = 0}, while
 * {@code x * x + y * y <= 4.0} and fewer than {@code maxIterations} iterations were done, one iteration sets
 * {@code x = x * x - y * y + cx} and {@code y = 2 * x * y + cy}, both from the previous {@code x} and
 * {@code y}; the pixel's count is the number of iterations done. The checksum is the sum of the counts.
 * Every pixel is computed the same way whatever the chunking, so the result is the same for any chunk
 * count. Per-pixel counts travel only when {@code pixels} is true (then limited to {@value #MAX_PIXELS}
 * pixels, since they travel as JSON); otherwise the result's {@code width}, {@code height} and
 * {@code pixels} are null, which the runtime's NON_NULL serialisation leaves out. Checkpoints come every
 * {@value #WORK_PER_CHECKPOINT} iterations or so: between pixels once that much work was done, and inside
 * a pixel that iterates longer.
 */
public final class MandelbrotKernel
        implements Kernel<MandelbrotKernel.Params, MandelbrotKernel.Rows, MandelbrotKernel.Band, MandelbrotKernel.Result> {

    /** The largest accepted width or height. */
    static final int MAX_SIDE = 16384;

    /** The largest accepted {@code maxIterations}. */
    static final int MAX_ITERATIONS = 1_000_000;

    /** The most pixels a result may carry when {@code pixels} is true. */
    static final long MAX_PIXELS = 1L << 24;

    /** Iterations (a pixel counts as at least {@value #PIXEL_COST}) between checkpoints. */
    static final int WORK_PER_CHECKPOINT = 8192;

    /** The work a pixel counts for beyond its iterations. */
    static final int PIXEL_COST = 8;

    /** Validated params: the image size, the iteration cap, the rectangle, and whether to return the counts. */
    public record Params(int width, int height, int maxIterations,
                         double xMin, double xMax, double yMin, double yMax, boolean pixels) {
    }

    /** One chunk: the rows {@code [from, to)}. */
    public record Rows(int from, int to) {
    }

    /** One chunk's output: its rows' checksum, and their counts row-major when pixels were asked (else empty). */
    public record Band(long checksum, int[] counts) {
    }

    /** The result: the checksum, and with {@code pixels=true} the image size and its counts row-major (else null). */
    public record Result(long checksum, Integer width, Integer height, int[] pixels) {
    }


    @Override
    public Params params(ParamReader params) {
        int width = params.intParam("width", 1, MAX_SIDE);
        int height = params.intParam("height", 1, MAX_SIDE);
        int maxIterations = params.intParam("maxIterations", 1, MAX_ITERATIONS);
        double xMin = params.doubleParam("xMin", -2.5);
        double xMax = params.doubleParam("xMax", 1.0);
        double yMin = params.doubleParam("yMin", -1.25);
        double yMax = params.doubleParam("yMax", 1.25);
        boolean pixels = params.booleanParam("pixels", false);
        if (!(xMin < xMax)) {
            params.problem("xMax", "must be greater than xMin (" + xMin + "), got " + xMax);
        }
        if (!(yMin < yMax)) {
            params.problem("yMax", "must be greater than yMin (" + yMin + "), got " + yMax);
        }
        if (pixels && (long) width * height > MAX_PIXELS) {
            params.problem("pixels", "can be true only for at most 2^24 pixels, got " + width + "×" + height);
        }
        return new Params(width, height, maxIterations, xMin, xMax, yMin, yMax, pixels);
    }

    @Override
    public List<Rows> split(Params params, SplitRequest request) {
        return Chunks.contiguous(params.height(), request.chunks(), (i, from, to) -> new Rows((int) from, (int) to));
    }

    @Override
    public Band run(Params params, Rows input, ChunkContext context) {
        int width = params.width();
        int maxIterations = params.maxIterations();
        double dx = (params.xMax() - params.xMin()) / width;
        double dy = (params.yMax() - params.yMin()) / params.height();
        int[] counts = params.pixels() ? new int[(input.to() - input.from()) * width] : new int[0];
        long checksum = 0;
        int work = 0;
        for (int py = input.from(); py < input.to(); py++) {
            double cy = params.yMax() - (py + 0.5) * dy;
            for (int px = 0; px < width; px++) {
                double cx = params.xMin() + (px + 0.5) * dx;
                int count = iterations(cx, cy, maxIterations, context);
                checksum += count;
                if (params.pixels()) {
                    counts[(py - input.from()) * width + px] = count;
                }
                work += count + PIXEL_COST;
                if (work >= WORK_PER_CHECKPOINT) {
                    work = 0;
                    context.checkpoint();
                }
            }
        }
        return new Band(checksum, counts);
    }

    @Override
    public Result reduce(Params params, List<Band> outputs) {
        long checksum = Chunks.sum(outputs, Band::checksum);
        if (!params.pixels()) {
            return new Result(checksum, null, null, null);
        }
        int[] pixels = new int[params.width() * params.height()];
        int at = 0;
        for (Band output : outputs) {
            System.arraycopy(output.counts(), 0, pixels, at, output.counts().length);
            at += output.counts().length;
        }
        return new Result(checksum, params.width(), params.height(), pixels);
    }

    /** The escape-time count of {@code c = (cx, cy)}, checkpointing every {@value #WORK_PER_CHECKPOINT} iterations. */
    static int iterations(double cx, double cy, int maxIterations, ChunkContext context) {
        double x = 0.0;
        double y = 0.0;
        int n = 0;
        int stop = Math.min(maxIterations, WORK_PER_CHECKPOINT);
        while (true) {
            while (n < stop && x * x + y * y <= 4.0) {
                double nextX = x * x - y * y + cx;
                y = 2 * x * y + cy;
                x = nextX;
                n++;
            }
            if (n < stop || stop == maxIterations) {
                return n;
            }
            context.checkpoint();
            stop = Math.min(maxIterations, stop + WORK_PER_CHECKPOINT);
        }
    }
}
