package dev.hopper.streams.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hopper.streams.HopperStreamsApp;
import dev.hopper.streams.config.RestSettings;
import dev.hopper.streams.metrics.HopperMetrics;
import dev.hopper.streams.monitor.Monitor;
import dev.hopper.streams.query.InteractiveQueries;
import dev.hopper.streams.query.StoreLocator;
import dev.hopper.streams.query.StreamsView;
import dev.hopper.streams.topology.TopologySettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the streams app (Javalin on Jetty): interactive queries ({@link QueryRoutes}),
 * health probes, Prometheus metrics, the OpenAPI description, and the monitoring page with its
 * endpoints ({@link MonitorRoutes}). It starts before Kafka Streams, so that a free port ({@code
 * hopper.rest.port=0}) can be advertised as {@code application.server}; until {@link #attach} the
 * queries answer 503.
 *
 * <p>Every error is JSON {@code {"error", "message"}}: 400 bad parameters, 401 without the bearer
 * token (when one is configured), 404 unknown key or path, 503 with {@code Retry-After} while the
 * data cannot be read; an unexpected failure is logged and answered 500 without its stack trace.
 */
public final class RestServer implements AutoCloseable {
  /** The instance whose stores answered (or that merged a fan-out). */
  public static final String SERVED_BY = "X-Hopper-Served-By";

  /** Present ({@code true}) when a standby or restoring copy answered. */
  public static final String STALE = "X-Hopper-Stale";

  /** How many times a request has been forwarded between instances. */
  public static final String HOPS = "X-Hopper-Hops";

  /** {@code local}: answer a fan-out with this instance's partitions only. */
  public static final String SCOPE = "X-Hopper-Scope";

  /** Forwarding stops after this many hops: a bad metadata view cannot make requests loop. */
  public static final int MAX_HOPS = 2;

  /** The headers of a forwarded answer that are passed back to the client. */
  static final List<String> PASSED_THROUGH_HEADERS =
      List.of("Content-Type", "Retry-After", SERVED_BY, STALE);

  static final String JSON = "application/json";
  private static final String RESPONDED = "hopper.rest.responded";
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  private final RestSettings settings;
  private final HopperMetrics metrics;
  private final QueryRoutes routes;
  private final MonitorRoutes monitorRoutes = new MonitorRoutes();
  private final byte[] token;
  private Javalin javalin;

  private RestServer(RestSettings settings, HopperMetrics metrics, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = metrics;
    this.token =
        settings.token().map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8)).orElse(null);
    this.routes = new QueryRoutes(settings, new Forwarder(settings.forwardTimeout()), clock);
  }

  /**
   * Binds and starts the server on {@code settings}' host and port; {@code metrics} (may be null)
   * records the requests and is served on {@code /metrics}.
   */
  public static RestServer start(RestSettings settings, HopperMetrics metrics) {
    return start(settings, metrics, Clock.systemUTC());
  }

  static RestServer start(RestSettings settings, HopperMetrics metrics, Clock clock) {
    RestServer server = new RestServer(settings, metrics, clock);
    server.startJavalin();
    return server;
  }

  private void startJavalin() {
    javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = 64L * 1024;
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              config.requestLogger.http(this::recordRequest);
              config.routes.before(this::authorize);
              routes.register(config.routes, this::scrape);
              monitorRoutes.register(config.routes);
              config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> error(ctx, new ApiException(e.getStatus(), code(e), e.getMessage())));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("REST request {} {} failed", ctx.method(), ctx.path(), e);
                    error(
                        ctx,
                        new ApiException(500, "internal_error", "internal error, see the log"));
                  });
              config.routes.error(
                  404,
                  ctx ->
                      fallbackError(
                          ctx, ApiException.notFound("no such resource: " + safePath(ctx))));
              config.routes.error(
                  405,
                  ctx ->
                      fallbackError(
                          ctx,
                          new ApiException(
                              405,
                              "method_not_allowed",
                              ctx.method() + " is not allowed on " + safePath(ctx))));
            });
    try {
      javalin.start(settings.host(), settings.port());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot start the REST server on "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + RestSettings.HOST
              + ", "
              + RestSettings.PORT
              + "): "
              + rootMessage(e),
          e);
    }
    LOG.info(
        "REST listening on http://{}:{}{}",
        settings.host(),
        port(),
        token == null ? "" : " (bearer token required)");
  }

  /** The bound port. */
  public int port() {
    return javalin.port();
  }

  /** What this instance advertises as {@code application.server}. */
  public String advertised() {
    return settings.advertised(port());
  }

  /**
   * Serves {@code app}'s stores from now on; call before {@link HopperStreamsApp#start()} so that
   * readiness sees it reach RUNNING.
   */
  public void attach(HopperStreamsApp app) {
    KafkaStreams streams = app.streams();
    Health health = new Health(streams::state);
    app.addStateListener(health);
    attach(StreamsView.of(streams), app.settings().topology(), health);
  }

  /** Serves the monitoring endpoints from {@code monitor}; until then they answer 503. */
  public void attach(Monitor monitor) {
    monitorRoutes.attach(monitor);
  }

  /** Serves the stores seen through {@code view} (tests use a fake view). */
  void attach(StreamsView view, TopologySettings topology, Health health) {
    HostInfo self = HostInfo.buildFromEndpoint(advertised());
    StoreLocator locator = new StoreLocator(view, self);
    routes.attach(new InteractiveQueries(view, locator, topology), view, topology, health);
  }

  /** Serves the stores seen through {@code view}, its state read from the view. */
  void attach(StreamsView view, TopologySettings topology) {
    attach(view, topology, new Health(view::state));
  }

  private String scrape() {
    return metrics == null ? "" : metrics.scrape();
  }

  private void authorize(Context ctx) {
    if (token == null || ctx.path().startsWith("/health/") || MonitorRoutes.isPublic(ctx.path())) {
      return;
    }
    String given = ctx.header("Authorization");
    if (given == null
        || !MessageDigest.isEqual(token, given.trim().getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"hopper\"");
      throw new ApiException(
          401,
          "unauthorized",
          given == null
              ? "this endpoint needs an Authorization: Bearer <token> header"
              : "the bearer token is not valid");
    }
  }

  private void recordRequest(Context ctx, Float millis) {
    if (metrics == null) {
      return;
    }
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    String uri;
    if (matched != null) {
      uri = matched.path;
    } else if (ctx.statusCode() == 404) {
      uri = "NOT_FOUND";
    } else {
      uri = "UNMATCHED";
    }
    metrics.recordRequest(
        ctx.method().name(),
        uri,
        ctx.statusCode(),
        millis == null ? 0 : (long) (millis.doubleValue() * 1_000_000));
  }

  /** Writes a JSON body with {@code status}; the error handlers leave it alone. */
  static void json(Context ctx, int status, JsonNode body) {
    try {
      ctx.attribute(RESPONDED, Boolean.TRUE);
      ctx.status(status).contentType(JSON).result(JsonViews.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Marks a response written by other means (a forwarded answer, metrics text). */
  static void responded(Context ctx) {
    ctx.attribute(RESPONDED, Boolean.TRUE);
  }

  private void error(Context ctx, ApiException e) {
    if (e.status() == 503) {
      ctx.header("Retry-After", Long.toString(settings.retryAfter().toSeconds()));
    }
    json(ctx, e.status(), JsonViews.error(e.error(), e.getMessage()));
  }

  private void fallbackError(Context ctx, ApiException e) {
    if (!Boolean.TRUE.equals(ctx.attribute(RESPONDED))) {
      error(ctx, e);
    }
  }

  private static String code(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      default -> e.getStatus() >= 500 ? "internal_error" : "bad_request";
    };
  }

  private static String safePath(Context ctx) {
    return Params.printable(ctx.path());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** Stops serving. */
  @Override
  public void close() {
    if (javalin != null) {
      javalin.stop();
      javalin = null;
    }
  }
}
