package dev.hopper.streams.rest;

import dev.hopper.streams.HopperStreamsApp;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.metrics.HopperMetrics;
import dev.hopper.streams.topology.AvroSerdeFactory;

/**
 * A streams-app instance with its REST layer and metrics, wired in the order they need: metrics
 * first (their hooks go into the Streams configuration), then the REST server (bound first, so a
 * free port can be advertised as {@code application.server}), then the app. {@link #start()} runs
 * it; {@link #close()} stops the app, then the server, then the metrics.
 */
public final class QueryableApp implements AutoCloseable {
  private final HopperMetrics metrics;
  private final RestServer rest;
  private final HopperStreamsApp app;

  private QueryableApp(HopperMetrics metrics, RestServer rest, HopperStreamsApp app) {
    this.metrics = metrics;
    this.rest = rest;
    this.app = app;
  }

  /** Builds everything and binds the REST port; nothing is processed until {@link #start()}. */
  public static QueryableApp create(StreamsSettings settings, AvroSerdeFactory serdeFactory) {
    HopperMetrics metrics = new HopperMetrics(settings.catalog());
    RestServer rest = null;
    try {
      rest = RestServer.start(settings.rest(), metrics);
      StreamsSettings advertised = settings.withApplicationServer(rest.advertised());
      HopperStreamsApp app =
          new HopperStreamsApp(advertised, serdeFactory, metrics.streamsProperties());
      metrics.bind(app);
      rest.attach(app);
      return new QueryableApp(metrics, rest, app);
    } catch (RuntimeException e) {
      if (rest != null) {
        rest.close();
      }
      metrics.close();
      throw e;
    }
  }

  /** Starts processing. */
  public void start() {
    app.start();
  }

  /** The streams app. */
  public HopperStreamsApp app() {
    return app;
  }

  /** The REST server. */
  public RestServer rest() {
    return rest;
  }

  /** The metrics. */
  public HopperMetrics metrics() {
    return metrics;
  }

  /** The base URL of this instance's REST API, as advertised to the other instances. */
  public String url() {
    return "http://" + rest.advertised();
  }

  @Override
  public void close() {
    try {
      app.close();
    } finally {
      rest.close();
      metrics.close();
    }
  }
}
