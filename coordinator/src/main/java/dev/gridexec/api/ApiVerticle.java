package dev.gridexec.api;

import static dev.gridexec.api.AllowedMethods.allow;

import dev.gridexec.jobs.JobResult;
import dev.gridexec.jobs.JobService;
import dev.gridexec.health.MetricsRegistry;
import dev.gridexec.metrics.CoordinatorMetrics;
import dev.gridexec.metrics.MeteredJobService;
import dev.gridexec.metrics.MetricsRoute;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Problem;
import dev.gridexec.web.WebRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's HTTP API: jobs, their event streams, kernel jars (artifacts), nodes and health, as JSON
 * (docs/API.md).
 *
 * <p>With a token in its settings, every route but the health checks needs {@code Authorization: Bearer <token>}.
 *
 * <p>Every route that asks the {@link JobService} does so on a worker thread, unordered, so that neither a
 * slow cluster call nor one request waits on another; replies are serialised there too and sent on the
 * event loop. All failures, Vert.x's own (413, 404) included, go through {@link FailureReplies}.
 */
public final class ApiVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
    /** The longest request line (method, path, version) accepted; a longer one gets 414. */
    static final int MAX_INITIAL_LINE_BYTES = 4096;
    /** The most header bytes accepted; more get 431. */
    static final int MAX_HEADER_BYTES = 8192;
    /** Connections the kernel may hold before they are accepted: a burst of clients waits there rather than being refused. */
    static final int ACCEPT_BACKLOG = 1024;

    private final JobService service;
    private final ApiSettings settings;
    private final MetricsRegistry metrics;
    private final boolean ownsMetrics;
    private final CoordinatorMetrics meters;
    private volatile HttpServer server;
    private volatile Router router;
    private Connections connections;

    /** An API with a metrics registry of its own. */
    public ApiVerticle(JobService service, ApiSettings settings) {
        this(service, settings, null);
    }

    /** An API whose {@code /metrics} shows {@code metrics} (the process's registry); null for one of its own. */
    public ApiVerticle(JobService service, ApiSettings settings, MetricsRegistry metrics) {
        this.ownsMetrics = metrics == null;
        this.metrics = metrics == null ? new MetricsRegistry() : metrics;
        this.meters = new CoordinatorMetrics(this.metrics.registry(), service);
        this.service = new MeteredJobService(service, meters);
        this.settings = settings;
    }

    /** The port the server listens on (useful with port 0); -1 before it has started. */
    public int actualPort() {
        HttpServer current = server;
        return current == null ? -1 : current.actualPort();
    }

    /** The routes it serves (for the test that holds /openapi.json to them); empty before it has started. */
    List<io.vertx.ext.web.Route> routes() {
        Router current = router;
        return current == null ? List.of() : current.getRoutes();
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        this.router = router;
        connections = new Connections(vertx, settings.idleTimeout(), settings.maxConnections());
        router.route().handler(connections::track);
        // Routes match in the order they are added: the health checks answer before the token is asked for,
        // and every other request (unknown paths included) meets the token check before anything reads its body.
        HealthRoutes health = new HealthRoutes(service, context, settings.liveTimeout());
        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        router.get("/metrics").handler(new MetricsRoute(meters, metrics));
        WebRoutes.mount(router);
        for (String path : List.of("/health/live", "/health/ready", "/metrics", "/", "/openapi.json", "/dashboard/:file")) {
            allow(router, path, HttpMethod.GET);
        }
        settings.token().ifPresent(token -> router.route().handler(new Authentication(token)));
        RawBody.post(router, "/jobs", settings.maxBodyBytes(), new SubmitRoute(vertx, context, service, settings.taskLimits())::submit);
        RawBody.post(router, "/artifacts", settings.maxArtifactBytes(), new ArtifactRoutes(service, context)::upload);
        router.get("/jobs").handler(this::list);
        router.get("/jobs/:id").handler(this::find);
        router.delete("/jobs/:id").handler(this::cancel);
        router.get("/jobs/:id/events").handler(this::events);
        router.get("/jobs/:id/result").handler(this::result);
        router.get("/nodes").handler(this::nodes);
        allow(router, "/jobs", HttpMethod.GET, HttpMethod.POST);
        allow(router, "/jobs/:id", HttpMethod.GET, HttpMethod.DELETE);
        allow(router, "/artifacts", HttpMethod.POST);
        for (String path : List.of("/jobs/:id/events", "/jobs/:id/result", "/nodes")) {
            allow(router, path, HttpMethod.GET);
        }
        FailureReplies failures = new FailureReplies(settings);
        router.route().failureHandler(failures);
        router.errorHandler(404, failures);
        HttpServer created = vertx.createHttpServer(new HttpServerOptions()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                        .setMaxHeaderSize(MAX_HEADER_BYTES)
                        .setAcceptBacklog(ACCEPT_BACKLOG)
                        // Without h2c a connection is an HTTP/1.1 one from its first moment: counted and timed out
                        // even if it never sends a byte (with h2c Vert.x waits, unseen, for bytes to tell which).
                        .setHttp2ClearTextEnabled(false))
                .connectionHandler(connections::opened)
                .requestHandler(RequestGate.checkingPaths(router))
                .invalidRequestHandler(RequestGate::invalid);
        server = created;
        connections.start();
        return created.listen(settings.port(), settings.host())
                .onSuccess(s -> LOG.info("API listening on http://{}:{}", settings.host(), s.actualPort()));
    }

    @Override
    public Future<?> stop() {
        if (ownsMetrics) {
            metrics.close();
        }
        return Future.succeededFuture();
    }


    /** {@code GET /jobs?limit=N&after=CURSOR&results=BOOL}: one {@link JobPage}. */
    private void list(RoutingContext ctx) {
        java.util.Map<String, String> params = new java.util.HashMap<>();
        for (String name : List.of("limit", "after", "results")) {
            String value = ctx.request().getParam(name);
            if (value != null) {
                params.put(name, value);
            }
        }
        List<Problem> problems = new java.util.ArrayList<>();
        JobPage.Query query = JobPage.Query.parse(params, problems);
        if (!problems.isEmpty()) {
            Reply.errors(400, problems).send(ctx.response());
            return;
        }
        reply(ctx, () -> {
            JobPage page = JobPage.of(service.list(), query);
            return page != null ? Reply.json(200, page) : Reply.error(400, "after",
                    "names no job this coordinator keeps (it may have expired); start again without 'after'");
        });
    }

    private void find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        reply(ctx, () -> recordOrNotFound(id, service.find(id)));
    }

    private void cancel(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        reply(ctx, () -> recordOrNotFound(id, service.cancel(id)));
    }

    /**
     * {@code GET /jobs/{id}/result}: 200 with the result's JSON (the same bytes whether the record carries it or it is
     * kept apart), 409 while the job has not succeeded, 404 for an unknown job or a result no longer kept.
     */
    private void result(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        reply(ctx, () -> {
            Optional<JobResult> found = service.result(id);
            if (found.isEmpty()) {
                return notFound(id);
            }
            JobRecord record = found.get().record();
            if (found.get().json() != null) {
                return new Reply(200, found.get().json(), null);
            }
            if (!record.state().terminal()) {
                return Reply.error(409, "id", "job " + id + " is still " + record.state() + " (" + record.chunks().done() + "/"
                        + record.chunks().total() + " chunks done): it has no result yet");
            }
            if (record.state() != JobState.SUCCEEDED) {
                return Reply.error(409, "id", "job " + id + " ended " + record.state() + ", so it has no result"
                        + (record.error() == null ? "" : ": " + record.error().reason() + ": " + record.error().message()));
            }
            return Reply.error(404, "id", "the result of job " + id + " is no longer kept (it expired or was lost with the"
                    + " cluster's data)");
        });
    }

    private void events(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        context.executeBlocking(() -> {
            Optional<JobRecord> found = service.find(id);
            return found.isPresent() ? Optional.of(Reply.JSON.writeValueAsBytes(found.get())) : Optional.<byte[]>empty();
        }, false).onSuccess(state -> {
            if (state.isEmpty()) {
                notFound(id).send(ctx.response());
                return;
            }
            EventStream stream = new EventStream(vertx, context, ctx.response(), id);
            stream.open(state.get());
            context.executeBlocking(() -> service.watch(id, stream), false)
                    .onSuccess(stream::following)
                    .onFailure(e -> {
                        LOG.error("job {}: could not follow its events", id, e);
                        stream.abort();
                    });
        }).onFailure(ctx::fail);
    }

    private void nodes(RoutingContext ctx) {
        reply(ctx, () -> Reply.json(200, service.nodes()));
    }

    /** Runs {@code work} on a worker thread, unordered, and sends its reply on the event loop. */
    private void reply(RoutingContext ctx, Callable<Reply> work) {
        Reply.offLoop(context, ctx, work);
    }

    private static Reply recordOrNotFound(String id, Optional<JobRecord> record) throws Exception {
        return record.isPresent() ? Reply.json(200, record.get()) : notFound(id);
    }

    private static Reply notFound(String id) {
        return Reply.error(404, "id", "no job with id " + id);
    }
}
