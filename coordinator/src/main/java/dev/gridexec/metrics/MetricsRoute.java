package dev.gridexec.metrics;

import dev.gridexec.health.MetricsRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /metrics}: refreshes the gauges off the event loop, then answers the registry's Prometheus text. */
public final class MetricsRoute implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsRoute.class);

    private final CoordinatorMetrics metrics;
    private final MetricsRegistry registry;

    public MetricsRoute(CoordinatorMetrics metrics, MetricsRegistry registry) {
        this.metrics = metrics;
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            try {
                metrics.refresh();
            } catch (RuntimeException e) {
                // The JVM and counter series are still worth a scrape; the gauges keep their last values.
                LOG.warn("metrics: the jobs or nodes could not be listed: {}", e.toString());
            }
            return registry.scrape();
        }, false).onSuccess(text -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, MetricsRegistry.CONTENT_TYPE).end(text))
                .onFailure(ctx::fail);
    }
}
