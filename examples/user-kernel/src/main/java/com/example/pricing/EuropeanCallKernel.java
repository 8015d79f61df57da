package com.example.pricing;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices a European call option by Monte Carlo under Black–Scholes dynamics: the stock ends at
 * {@code S·exp((r − σ²/2)·T + σ·√T·Z)} with {@code Z} standard normal, and the price is the mean of the
 * discounted payoffs {@code exp(−r·T)·max(S_T − K, 0)}, with its standard error.
 *
 * <p>Random numbers: each chunk has its own SplitMix64 generator (see {@link SplitMix64}), seeded from the
 * task's seed and the chunk's index, so the result depends on the seed and the chunk count only, never on
 * where or in which order the chunks run. Normals come from uniforms by Marsaglia's polar method, both of
 * each pair used. Each chunk returns its paths' count, mean and sum of squared deviations; {@link #reduce}
 * merges them in chunk order (Chan, Golub and LeVeque's pairwise update), which stays accurate for any number
 * of paths.
 *
 * <p>What makes this a gridexec kernel: it implements {@link Kernel}, has a public no-argument constructor,
 * keeps no state between calls, passes plain records, calls {@link ChunkContext#checkpoint()} in its loop,
 * and is listed in {@code META-INF/services/dev.gridexec.kernel.api.Kernel}, so that a task may call it
 * {@code "EuropeanCallKernel"}.
 */
public final class EuropeanCallKernel
        implements Kernel<EuropeanCallKernel.Params, EuropeanCallKernel.Slice, EuropeanCallKernel.Moments, EuropeanCallKernel.Price> {

    /** Paths between checkpoints: a few tens of microseconds of work. */
    private static final int CHECKPOINT_EVERY = 1024;

    /**
     * The option and the simulation.
     *
     * @param spot       the stock price today (&gt; 0)
     * @param strike     the strike (&gt; 0)
     * @param rate       the continuously compounded risk-free rate, per year
     * @param volatility the stock's volatility, per square root of a year (&gt; 0)
     * @param maturity   the time to expiry in years (&gt; 0)
     * @param paths      how many paths to simulate in all
     */
    public record Params(double spot, double strike, double rate, double volatility, double maturity, long paths) {
    }

    /** One chunk's share of the paths, and what seeds its generator. */
    public record Slice(int index, long paths, long seed) {
    }

    /** One chunk's discounted payoffs: how many, their mean, and their sum of squared deviations from it. */
    public record Moments(long paths, double mean, double m2) {
    }

    /** The job's result: the price, its standard error, and the paths it comes from. */
    public record Price(double price, double stdError, long paths) {
    }

    @Override
    public Params params(ParamReader params) {
        double spot = positive(params, "spot");
        double strike = positive(params, "strike");
        double rate = params.doubleParam("rate");
        double volatility = positive(params, "volatility");
        double maturity = positive(params, "maturity");
        long paths = params.longParam("paths", 1, 1_000_000_000_000L);
        return new Params(spot, strike, rate, volatility, maturity, paths);
    }

    @Override
    public List<Slice> split(Params params, SplitRequest request) {
        int chunks = (int) Math.min(request.chunks(), params.paths());
        long each = params.paths() / chunks;
        long extra = params.paths() % chunks;
        List<Slice> slices = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            slices.add(new Slice(i, each + (i < extra ? 1 : 0), request.seed()));
        }
        return slices;
    }

    @Override
    public Moments run(Params params, Slice slice, ChunkContext context) {
        SplitMix64 random = new SplitMix64(SplitMix64.streamSeed(slice.seed(), slice.index()));
        double drift = (params.rate() - 0.5 * params.volatility() * params.volatility()) * params.maturity();
        double diffusion = params.volatility() * Math.sqrt(params.maturity());
        double discount = Math.exp(-params.rate() * params.maturity());
        Welford payoffs = new Welford();
        while (payoffs.n < slice.paths()) {
            if (payoffs.n % CHECKPOINT_EVERY == 0) {
                context.checkpoint();
            }
            // Marsaglia's polar method: a point uniform in the unit disc gives two independent normals.
            double u;
            double v;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                v = 2 * random.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double scale = Math.sqrt(-2 * Math.log(s) / s);
            payoffs.add(discount * Math.max(params.spot() * Math.exp(drift + diffusion * u * scale) - params.strike(), 0));
            if (payoffs.n < slice.paths()) {
                payoffs.add(discount * Math.max(params.spot() * Math.exp(drift + diffusion * v * scale) - params.strike(), 0));
            }
        }
        return new Moments(payoffs.n, payoffs.mean, payoffs.m2);
    }

    @Override
    public Price reduce(Params params, List<Moments> outputs) {
        long n = 0;
        double mean = 0;
        double m2 = 0;
        for (Moments chunk : outputs) {
            if (chunk.paths() == 0) {
                continue;
            }
            long total = n + chunk.paths();
            double delta = chunk.mean() - mean;
            mean += delta * chunk.paths() / total;
            m2 += chunk.m2() + delta * delta * ((double) n * chunk.paths() / total);
            n = total;
        }
        double variance = n > 1 ? m2 / (n - 1) : 0;
        return new Price(mean, Math.sqrt(variance / n), n);
    }

    /** A required number that must be greater than 0; one problem at most per parameter. */
    private static double positive(ParamReader params, String name) {
        int problemsBefore = params.problems().size();
        double value = params.doubleParam(name);
        if (params.problems().size() == problemsBefore && !(value > 0)) {
            params.problem(name, "must be greater than 0, got " + value);
        }
        return value;
    }

    /** Running count, mean and sum of squared deviations (Welford's method). */
    private static final class Welford {
        long n;
        double mean;
        double m2;

        void add(double x) {
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }
    }
}
