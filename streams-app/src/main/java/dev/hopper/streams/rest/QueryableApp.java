package dev.hopper.streams.rest;

import dev.hopper.streams.HopperStreamsApp;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.metrics.HopperMetrics;
import dev.hopper.streams.monitor.Monitor;
import dev.hopper.streams.topology.AvroSerdeFactory;

/**
 * A streams-app instance with its REST layer and metrics, wired in the order they need: metrics
 * first (their hooks go into the Streams configuration), then the REST server (bound first, so a
 * free port can be advertised as {@code application.server}), then the app and its monitor, which
 * starts sampling the cluster at once. {@link #start()} runs the app; {@link #close()} stops the
 * app, then the monitor, the server and the metrics.
 */
public final class QueryableApp implements AutoCloseable {
  private final HopperMetrics metrics;
  private final RestServer rest;
  private final HopperStreamsApp app;
  private final Monitor monitor;

  private QueryableApp(
      HopperMetrics metrics, RestServer rest, HopperStreamsApp app, Monitor monitor) {
    this.metrics = metrics;
    this.rest = rest;
    this.app = app;
    this.monitor = monitor;
  }

  /** Builds everything and binds the REST port; nothing is processed until {@link #start()}. */
  public static QueryableApp create(StreamsSettings settings, AvroSerdeFactory serdeFactory) {
    HopperMetrics metrics = new HopperMetrics(settings.catalog());
    RestServer rest = null;
    HopperStreamsApp app = null;
    try {
      rest = RestServer.start(settings.rest(), metrics);
      StreamsSettings advertised = settings.withApplicationServer(rest.advertised());
      app = new HopperStreamsApp(advertised, serdeFactory, metrics.streamsProperties());
      metrics.bind(app);
      rest.attach(app);
      // The monitor samples the cluster from now on, before the app runs: the page shows the
      // backlog an app is about to read.
      Monitor monitor = Monitor.create(advertised, app, metrics, rest.advertised());
      rest.attach(monitor);
      monitor.start();
      return new QueryableApp(metrics, rest, app, monitor);
    } catch (RuntimeException e) {
      if (app != null) {
        app.close();
      }
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
      try {
        monitor.close();
      } finally {
        rest.close();
        metrics.close();
      }
    }
  }
}
