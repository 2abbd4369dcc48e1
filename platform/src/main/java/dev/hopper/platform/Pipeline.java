package dev.hopper.platform;

import dev.hopper.config.LayeredConfig;
import dev.hopper.connect.ConnectRestClient;
import dev.hopper.connect.SinkConnector;
import dev.hopper.connect.SinkConnectors;
import dev.hopper.connect.SinkDeployer;
import dev.hopper.connect.SinkOverlay;
import dev.hopper.producers.coingecko.CoinGeckoSettings;
import dev.hopper.producers.coingecko.Sleeper;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.KafkaClients;
import dev.hopper.producers.kafka.SteadyOrderProducer;
import dev.hopper.producers.quotes.QuoteFeeds;
import dev.hopper.producers.quotes.QuoteProducer;
import dev.hopper.streams.StreamsStartup;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.rest.QueryableApp;
import dev.hopper.topics.TopicAdmin;
import dev.hopper.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on top of running services: topics, sink connectors, the streams app with its
 * REST API, the quote feed and a steady order generator. What {@code make run} starts after the
 * embedded platform; {@link #close()} stops it in reverse order, producers first, so the app can
 * commit what it has read.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** Orders per second of the demo generator. */
  public static final String ORDERS_PER_SECOND = "hopper.run.orders.per.second";

  /** Share of invalid records the demo generator injects. */
  public static final String BAD_RATIO = "hopper.run.bad.ratio";

  /** Share of late and out-of-order records the demo generator injects. */
  public static final String LATE_RATIO = "hopper.run.late.ratio";

  /** Where quotes come from: auto, live, replay or simulate. */
  public static final String QUOTES_SOURCE = "hopper.run.quotes.source";

  private static final Duration PROGRESS_PERIOD = Duration.ofSeconds(30);

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private QueryableApp app;
  private QuoteProducer quotes;
  private SteadyOrderProducer orders;

  private Pipeline() {}

  /** The defaults of the demo pipeline, lowest precedence. */
  public static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(ORDERS_PER_SECOND, "20");
    d.put(BAD_RATIO, "0.02");
    d.put(LATE_RATIO, "0.01");
    d.put(QUOTES_SOURCE, "auto");
    // Orders wait until the quotes of their time are in; with quotes every 5 to 30 s, 10 s of
    // grace for out-of-order quotes keeps the demo's sales windows close behind the clock.
    d.put("hopper.quotes.grace", "10s");
    return d;
  }

  /**
   * Starts the pipeline against the services in {@code config} ({@code bootstrap.servers}, {@code
   * schema.registry.url}, {@code mongodb.uri}, {@code hopper.connect.url}). Each part layers the
   * configuration over its own defaults, so the producers' batching never reaches the app.
   */
  public static Pipeline start(LayeredConfig config) throws Exception {
    Pipeline pipeline = new Pipeline();
    try {
      pipeline.createTopics(config);
      pipeline.deployConnectors(config);
      pipeline.startStreams(over(StreamsSettings.defaults(), config));
      pipeline.startProducers(over(KafkaClients.defaults(), config));
    } catch (Exception e) {
      pipeline.close();
      throw e;
    }
    return pipeline;
  }

  /** {@code config} over a part's own defaults and the demo's. */
  private static LayeredConfig over(Map<String, String> partDefaults, LayeredConfig config) {
    return LayeredConfig.builder()
        .defaults(partDefaults)
        .defaults(defaults())
        .flags(config.asMap())
        .build();
  }

  private void createTopics(LayeredConfig config) throws Exception {
    TopicCatalog catalog = TopicCatalog.from(config);
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      TopicAdmin.ensureTopics(admin, catalog.all());
      TopicAdmin.checkCoPartitioned(admin, catalog);
      // Created up front rather than by Connect on first use (which it logs as an error).
      createDeadLetterTopic(admin);
    }
  }

  /** The sinks' dead-letter topic, kept by size like every Hopper topic. */
  private static void createDeadLetterTopic(Admin admin) throws Exception {
    String name = SinkConnectors.shipped().get(0).config().get("errors.deadletterqueue.topic.name");
    NewTopic topic =
        new NewTopic(name, Optional.of(1), Optional.empty())
            .configs(
                Map.of(
                    "retention.ms",
                    "-1",
                    "retention.bytes",
                    Long.toString(TopicCatalog.DEFAULT_RETENTION_BYTES)));
    try {
      admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private void deployConnectors(LayeredConfig config) throws Exception {
    String connectUrl = config.find("hopper.connect.url").orElse(null);
    if (connectUrl == null) {
      LOG.warn("No Kafka Connect: results are not sunk to MongoDB");
      return;
    }
    SinkOverlay overlay = SinkOverlay.from(config);
    List<SinkConnector> connectors = SinkConnectors.shipped().stream().map(overlay::apply).toList();
    SinkDeployer.Result result =
        new SinkDeployer(
                new ConnectRestClient(connectUrl),
                config.find("mongodb.uri").orElse(null),
                Duration.ofSeconds(120))
            .deploy(connectors);
    LOG.info("Sink connectors running: {}", result.actions().keySet());
  }

  private void startStreams(LayeredConfig config) {
    StreamsSettings settings = StreamsStartup.prepare(StreamsSettings.from(config), false);
    app = QueryableApp.create(settings, new RegistrySerdeFactory(settings.streamsProperties()));
    parts.push(app);
    app.start();
    LOG.info("Streams app {} started, REST on {}", settings.applicationId(), app.url());
  }

  /** The streams app's REST base URL. */
  public String restUrl() {
    return app.url();
  }

  /** The streams app. */
  public QueryableApp app() {
    return app;
  }

  private void startProducers(LayeredConfig config) throws Exception {
    Clock clock = Clock.systemUTC();
    HopperProducer quoteProducer = HopperProducer.create(config, "hopper-run-quotes");
    parts.push(quoteProducer);
    QuoteFeeds.Source source = parseSource(config.get(QUOTES_SOURCE, "auto"));
    quotes =
        new QuoteProducer(
            QuoteFeeds.create(
                // Without CoinGecko, quotes come every 5 s (the recording replayed 6x faster,
                // then the simulation): orders wait less for the quotes of their time.
                new QuoteFeeds.Options(
                    source, null, 6, false, null, System.nanoTime(), Duration.ofSeconds(5)),
                CoinGeckoSettings.from(config),
                clock,
                Sleeper.system()),
            quoteProducer,
            clock);
    quotes.start();
    parts.push(quotes);

    HopperProducer orderProducer = HopperProducer.create(config, "hopper-run-orders");
    parts.push(orderProducer);
    double rate = parseRatio(config, ORDERS_PER_SECOND, 0.001, 10_000);
    orders =
        new SteadyOrderProducer(
            orderProducer,
            SteadyOrderProducer.steadyConfig(
                System.nanoTime(),
                clock.instant(),
                rate,
                parseRatio(config, BAD_RATIO, 0, 1),
                parseRatio(config, LATE_RATIO, 0, 1)),
            clock,
            Sleeper.system());
    orders.start();
    parts.push(orders);
    startProgressLog();
    LOG.info("Producing quotes (source {}) and about {} orders/s", source, rate);
  }

  /** One line every 30 s: what was sent, how fast, and the app's state. */
  private void startProgressLog() {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hopper-run-progress");
              t.setDaemon(true);
              return t;
            });
    long[] last = {0, System.nanoTime()};
    timer.scheduleAtFixedRate(
        () -> {
          long sent = orders.sent();
          long now = System.nanoTime();
          double rate = (sent - last[0]) * 1e9 / Math.max(1, now - last[1]);
          last[0] = sent;
          last[1] = now;
          LOG.info(
              "Sent {} quotes and {} order-side records ({} records/s); streams app {}",
              quotes.sent(),
              sent,
              String.format(Locale.ROOT, "%.1f", rate),
              app.app().streams().state());
        },
        PROGRESS_PERIOD.toSeconds(),
        PROGRESS_PERIOD.toSeconds(),
        TimeUnit.SECONDS);
    parts.push(timer::shutdownNow);
  }

  private static QuoteFeeds.Source parseSource(String value) {
    try {
      return QuoteFeeds.Source.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new dev.hopper.config.ConfigException(
          QUOTES_SOURCE, value, "must be auto, live, replay or simulate");
    }
  }

  private static double parseRatio(LayeredConfig config, String key, double min, double max) {
    String raw = config.require(key);
    try {
      double v = Double.parseDouble(raw);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new dev.hopper.config.ConfigException(
        key, raw, "must be a number between " + min + " and " + max);
  }

  /** Quotes sent so far. */
  public long quotesSent() {
    return quotes == null ? 0 : quotes.sent();
  }

  /** Generated records (orders, payments, catalog) sent so far. */
  public long ordersSent() {
    return orders == null ? 0 : orders.sent();
  }

  /** Stops producers, then the app, each given time to finish cleanly. */
  @Override
  public void close() {
    while (!parts.isEmpty()) {
      AutoCloseable part = parts.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("{} did not stop cleanly: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
