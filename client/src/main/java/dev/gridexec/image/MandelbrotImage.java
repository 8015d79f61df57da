package dev.gridexec.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridexec.wire.JobRecord;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Paints a mandelbrot result's per-pixel iteration counts as a PNG: escaped points shaded by speed, the set black. */
public final class MandelbrotImage {

    private MandelbrotImage() {
    }

    /** A task for --image that does not name the mandelbrot kernel. */
    public static final class NotMandelbrotException extends Exception {
        private final String kernel;

        NotMandelbrotException(String kernel) {
            super("not a mandelbrot task: kernel " + kernel);
            this.kernel = kernel;
        }

        /** The kernel the task names ("" when none). */
        public String kernel() {
            return kernel;
        }
    }

    /** The task document {@code object}, changed in place, with {@code params.pixels} set, so that the result carries per-pixel counts. */
    public static ObjectNode withPixels(ObjectNode object) throws NotMandelbrotException {
        String kernel = object.path("kernel").asText("");
        if (!"mandelbrot".equals(kernel)) {
            throw new NotMandelbrotException(kernel);
        }
        JsonNode params = object.path("params");
        ObjectNode withPixels = params instanceof ObjectNode given ? given : object.putObject("params");
        withPixels.put("pixels", true);
        return object;
    }

    /** Writes the picture of a succeeded mandelbrot job (asked for with {@link #withPixels}) to {@code file}. */
    public static void write(JobRecord record, Path file) throws IOException {
        long maxIterations = ((Number) record.task().params().get("maxIterations")).longValue();
        write(record.result(), maxIterations, file);
    }

    /**
     * Writes the picture of {@code result} ({@code width}, {@code height}, row-major {@code pixels}) to {@code file}.
     *
     * @throws IllegalArgumentException when the result carries no pixels
     */
    public static void write(JsonNode result, long maxIterations, Path file) throws IOException {
        JsonNode pixels = result.get("pixels");
        if (pixels == null || !pixels.isArray() || !result.hasNonNull("width") || !result.hasNonNull("height")) {
            throw new IllegalArgumentException("the result has no per-pixel counts to draw");
        }
        int width = result.get("width").asInt();
        int height = result.get("height").asInt();
        if ((long) width * height != pixels.size()) {
            throw new IllegalArgumentException("the result has " + pixels.size() + " pixels for " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double logMax = Math.log1p(maxIterations);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                long count = pixels.get(y * width + x).asLong();
                image.setRGB(x, y, count >= maxIterations ? 0 : shade(Math.log1p(count) / logMax));
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /** A blue-to-gold ramp for t in [0, 1]. */
    private static int shade(double t) {
        int r = (int) (255 * Math.min(1, Math.max(0, 1.8 * t - 0.3)));
        int g = (int) (255 * Math.min(1, Math.max(0, 1.5 * t - 0.1)));
        int b = (int) (255 * Math.min(1, Math.max(0, 0.5 + 0.9 * t - 1.2 * t * t)));
        return (r << 16) | (g << 8) | b;
    }
}
