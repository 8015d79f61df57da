package dev.gridexec.api;

import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.task.Durations;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /jobs?wait=true[&maxWait=30s]}: holds the answer until the job ends (200, the final record) or
 * the bound passes (202, the record as it stands), on the job's completion as the {@link JobService} reports
 * it: no thread waits, and the event loop is never blocked. A client that hangs up stops the wait.
 */
final class JobWait {

    /** How long a request waits when it gives no {@code maxWait}. */
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);
    /** The longest {@code maxWait} a request may ask for. */
    static final Duration LIMIT = Duration.ofMinutes(10);

    /** A query parameter that is not what the route takes: a 400 naming it. */
    static final class BadParameter extends Exception {
        private static final long serialVersionUID = 1L;
        private final String name;

        BadParameter(String name, String message) {
            super(message, null, false, false);
            this.name = name;
        }

        String name() {
            return name;
        }
    }

    private JobWait() {
    }

    /** How long the request asks to wait for its job's end; empty when it does not ask ({@code wait} absent or false). */
    static Optional<Duration> requested(MultiMap query) throws BadParameter {
        String wait = single(query, "wait");
        String maxWait = single(query, "maxWait");
        if (wait == null || wait.equals("false")) {
            if (maxWait != null) {
                throw new BadParameter("maxWait", "goes with wait=true only");
            }
            return Optional.empty();
        }
        if (!wait.equals("true")) {
            throw new BadParameter("wait", "must be true or false, got '" + wait + "'");
        }
        if (maxWait == null) {
            return Optional.of(DEFAULT_MAX_WAIT);
        }
        Duration bound;
        try {
            bound = Durations.parse(maxWait);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadParameter("maxWait", "must be a duration such as 500ms, 30s or PT1M, got '" + maxWait + "'");
        }
        if (bound.isZero() || bound.compareTo(LIMIT) > 0) {
            throw new BadParameter("maxWait", "must be more than 0 and at most " + LIMIT.toMinutes() + "m, got '" + maxWait + "'");
        }
        return Optional.of(bound);
    }

    private static String single(MultiMap query, String name) throws BadParameter {
        List<String> values = query.getAll(name);
        if (values.size() > 1) {
            throw new BadParameter(name, "is given " + values.size() + " times");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** A job being waited for: its final record once it ends, and how to stop hearing it. */
    record Waiting(JobRecord accepted, CompletableFuture<JobRecord> end, Runnable stop) {
    }

    /** Starts hearing job {@code accepted}'s end. May block briefly on the cluster: call it off the event loop. */
    static Waiting watch(JobService service, JobRecord accepted) {
        CompletableFuture<JobRecord> end = new CompletableFuture<>();
        Optional<Runnable> stop = service.watch(accepted.id(), new JobListener() {
            @Override
            public void finished(JobRecord record) {
                end.complete(record);
            }
        });
        if (stop.isEmpty()) {
            end.complete(null); // gone already: answered with the record as it stands
        }
        return new Waiting(accepted, end, stop.orElse(() -> { }));
    }

    /**
     * Answers {@code ctx} once the job ends (200, its final record) or {@code bound} passes (202, its record
     * then); a client that hangs up stops the wait. Call on the event loop of {@code context}.
     */
    static void answer(Vertx vertx, Context context, JobService service, RoutingContext ctx, Waiting waiting,
                       Duration bound, String location) {
        CompletableFuture<JobRecord> end = waiting.end();
        long timer = vertx.setTimer(Math.max(1, bound.toMillis()), t -> end.complete(null));
        ctx.response().closeHandler(closed -> end.complete(null));
        Future.fromCompletionStage(end, context).onComplete(done -> {
            vertx.cancelTimer(timer);
            waiting.stop().run();
            if (ctx.response().closed() || ctx.response().ended()) {
                return;
            }
            JobRecord ended = done.result(); // null: the bound passed first
            context.executeBlocking(() -> ended != null ? Reply.json(200, ended)
                            : Reply.json(202, service.find(waiting.accepted().id()).orElse(waiting.accepted())), false)
                    .onSuccess(reply -> send(ctx, reply, location))
                    .onFailure(ctx::fail);
        });
    }

    private static void send(RoutingContext ctx, Reply reply, String location) {
        if (!ctx.response().closed() && !ctx.response().ended()) {
            reply.at(location).send(ctx.response());
        }
    }
}
