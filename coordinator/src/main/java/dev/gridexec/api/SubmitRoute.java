package dev.gridexec.api;

import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /jobs}: a task read, checked (on a node, for a jar kernel) and accepted, or refused with the problems
 * found. Its own route class because its steps (read, check, accept, wait) change apart from the other job routes;
 * it keeps no state between requests.
 */
final class SubmitRoute {

    private final Vertx vertx;
    private final Context context;
    private final JobService service;
    private final TaskLimits limits;

    /** A route that submits to {@code service} on worker threads of {@code context}, refusing tasks over {@code limits}. */
    SubmitRoute(Vertx vertx, Context context, JobService service, TaskLimits limits) {
        this.vertx = vertx;
        this.context = context;
        this.service = service;
        this.limits = limits;
    }

    /**
     * {@code POST /jobs}: 202 with the accepted record; with {@code ?wait=true}, answered by {@link JobWait} once the job
     * ends. The task is read on a worker thread; a jar kernel's params are then checked on a node
     * ({@link JobService#checkKernel}) holding no thread here, for at most the kernel-call timeout; the job is
     * accepted on a worker thread again.
     */
    void submit(RoutingContext ctx) {
        byte[] bytes = RawBody.bytes(ctx);
        Optional<java.time.Duration> wait;
        try {
            wait = JobWait.requested(ctx.queryParams());
        } catch (JobWait.BadParameter e) {
            Reply.error(400, e.name(), e.getMessage()).send(ctx.response());
            return;
        }
        context.executeBlocking(() -> read(bytes), false).compose(read -> {
            if (read.reply() != null) {
                return Future.succeededFuture(read);
            }
            return Future.fromCompletionStage(service.checkKernel(read.task()), context).compose(check -> {
                if (check.unavailable() != null) {
                    return Future.succeededFuture(new Submitted(null, Reply.error(503, "$", "no node could check the kernel now ("
                            + check.unavailable() + "); retry in a few seconds"), true));
                }
                if (!check.problems().isEmpty()) {
                    return Future.succeededFuture(new Submitted(null, Reply.errors(400, check.problems()), false));
                }
                return context.executeBlocking(() -> accept(check.task(), wait), false);
            });
        }).onSuccess(submitted -> {
            if (submitted.reply() != null) {
                if (submitted.retryLater()) {
                    ctx.response().putHeader(io.vertx.core.http.HttpHeaders.RETRY_AFTER, "5");
                }
                submitted.reply().send(ctx.response());
            } else {
                JobWait.answer(vertx, context, service, ctx, submitted.waiting(), wait.get(),
                        location(submitted.waiting().accepted()));
            }
        }).onFailure(ctx::fail);
    }

    /** Reads and checks a task as far as this process does (no user code runs here on a cluster); on a worker thread. */
    private Submitted read(byte[] bytes) {
        Task task;
        try {
            task = service.taskReader().read(bytes);
        } catch (InvalidTaskException e) {
            return new Submitted(null, Reply.errors(400, e.problems()), false);
        }
        List<Problem> overLimits = limits.problems(task);
        if (!overLimits.isEmpty()) {
            return new Submitted(null, Reply.errors(400, overLimits), false);
        }
        Optional<String> unrunnable = service.unrunnable(task);
        if (unrunnable.isPresent()) {
            return new Submitted(null, Reply.error(400, "kernel", unrunnable.get()), false);
        }
        if (task.artifact() != null && !service.hasArtifact(task.artifact())) {
            return new Submitted(null, Reply.error(400, "artifact", "no jar with sha256 " + task.artifact()
                    + " is stored in this cluster now (it may have been lost with the nodes that held it); upload it again"
                    + " (POST /artifacts)"), false);
        }
        return new Submitted(task);
    }

    /** Accepts a checked task; on a worker thread. */
    private Submitted accept(Task task, Optional<java.time.Duration> wait) throws Exception {
        JobRecord record = service.submit(task);
        if (wait.isPresent() && !record.state().terminal()) {
            return new Submitted(JobWait.watch(service, record), null, false);
        }
        return new Submitted(null, Reply.json(wait.isPresent() ? 200 : 202, record).at(location(record)), false);
    }

    /**
     * Where {@code POST /jobs} stands: a task read and to be checked, a reply to send now (with {@code Retry-After} when
     * {@code retryLater}), or a job to wait for.
     */
    private record Submitted(JobWait.Waiting waiting, Reply reply, boolean retryLater, Task task) {
        Submitted(JobWait.Waiting waiting, Reply reply, boolean retryLater) {
            this(waiting, reply, retryLater, null);
        }

        Submitted(Task task) {
            this(null, null, false, task);
        }
    }

    private static String location(JobRecord record) {
        return "/jobs/" + URLEncoder.encode(record.id(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
