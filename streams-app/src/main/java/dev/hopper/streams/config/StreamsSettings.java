package dev.hopper.streams.config;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.TopologySettings.CandleInterval;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streams app's settings, read from a {@link LayeredConfig} and validated at startup: the Kafka
 * Streams properties (every Kafka key passes through, so SASL/SSL work by configuration alone), the
 * topic catalog, the topology's processing parameters, the RocksDB budget, the REST layer's
 * settings and the monitoring page's. A bad value fails fast with a message naming the key and what
 * it accepts.
 */
public record StreamsSettings(
    Map<String, Object> streamsProperties,
    TopicCatalog catalog,
    TopologySettings topology,
    long rocksDbMemoryBytes,
    RestSettings rest,
    MonitorSettings monitor) {

  /** Budget of all RocksDB stores of one instance, in MiB. */
  public static final String ROCKSDB_MEMORY_MB = "hopper.rocksdb.memory.mb";

  /**
   * The main consumer's {@code max.partition.fetch.bytes}: 64 KiB instead of Kafka's 1 MiB. The
   * consumer sends no fetch to a broker while it still holds records from that broker, so every
   * partition waits until the whole previous response has been handed out. 1 MiB of quotes is about
   * 21,000 records, seconds of work for a warm app and tens of seconds for a cold one: an input
   * that was empty at the last fetch (the enrichment's quotes, a repartition topic) waits that long
   * for its next one.
   */
  public static final String MAIN_CONSUMER_PARTITION_FETCH_BYTES = "65536";

  private static final Set<String> GUARANTEES =
      Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);

  /** The defaults in code: the lowest configuration layer. */
  public static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(StreamsConfig.APPLICATION_ID_CONFIG, "hopper-streams");
    d.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    d.put("schema.registry.url", "http://localhost:8081");
    d.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    d.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
    d.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
    d.put(StreamsConfig.STATE_DIR_CONFIG, "data/streams");
    d.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(32L << 20));
    d.put(ROCKSDB_MEMORY_MB, "256");
    d.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
        MAIN_CONSUMER_PARTITION_FETCH_BYTES);
    d.put("processing.exception.handler.global.enabled", "true");
    d.put("hopper.candles.intervals", "1m,5m,1h");
    d.put("hopper.candles.grace", "30s");
    d.put("hopper.moves.threshold.pct", "2.0");
    d.put("hopper.moves.window", "5m");
    d.put("hopper.sales.window", "1m");
    d.put("hopper.sales.grace", "1m");
    d.put("hopper.sales.retention", "24h");
    d.put("hopper.payments.window", "15m");
    d.put("hopper.payments.grace", "1m");
    d.put("hopper.payments.lag.allowance", "1h");
    d.put("hopper.quotes.grace", "30s");
    d.put("hopper.quotes.max.wait", "1m");
    d.put("hopper.quotes.history.retention", "7d");
    d.put("hopper.valuation.coin", "bitcoin");
    d.put("hopper.time.max.future", "5m");
    d.put("hopper.watermark.interval", "200ms");
    d.put("hopper.watermark.idle.timeout", "60s");
    RestSettings.putDefaults(d);
    MonitorSettings.putDefaults(d);
    return d;
  }

  /**
   * Reads and validates everything. The partition counts of {@code shop.orders} and {@code
   * shop.products} come from the catalog here; the app replaces them with the real counts it reads
   * from Kafka at startup.
   */
  public static StreamsSettings from(LayeredConfig config) {
    Map<String, Object> props = new TreeMap<>(config.kafkaProperties());
    // hopper.state.dir (env HOPPER_STATE_DIR) is the documented Hopper key; Kafka's state.dir
    // (env KAFKA_STATE_DIR) works too, and the Hopper key wins when both are set.
    config
        .find("hopper.state.dir")
        .ifPresent(dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir));
    String guarantee = config.require(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    if (!GUARANTEES.contains(guarantee)) {
      throw new ConfigException(
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee, "must be one of " + GUARANTEES);
    }
    config.require(StreamsConfig.APPLICATION_ID_CONFIG);
    config.require(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    config.require("schema.registry.url");
    config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1, 1, 64);
    config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0, 0, 16);
    config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100, 1, Long.MAX_VALUE);
    config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0, 0, Long.MAX_VALUE);
    long rocksMb = config.getLong(ROCKSDB_MEMORY_MB, 256, 16, 1L << 20);

    TopicCatalog catalog = TopicCatalog.from(config);
    TopologySettings topology =
        topology(
            config,
            catalog.spec(HopperTopic.SHOP_ORDERS).partitions(),
            catalog.spec(HopperTopic.SHOP_PRODUCTS).partitions());
    return new StreamsSettings(
        props,
        catalog,
        topology,
        rocksMb << 20,
        RestSettings.from(config),
        MonitorSettings.from(config));
  }

  /** The processing parameters from {@code hopper.*} keys. */
  static TopologySettings topology(LayeredConfig config, int orders, int products) {
    TopologySettings d = TopologySettings.defaults(orders, products);
    double threshold = doubleValue(config, "hopper.moves.threshold.pct", d.moveThresholdPct());
    Duration salesWindow = duration(config, "hopper.sales.window", d.salesWindow());
    if (salesWindow.isZero()) {
      throw new ConfigException("hopper.sales.window", "0", "must be positive");
    }
    return new TopologySettings(
        candleIntervals(config),
        duration(config, "hopper.candles.grace", d.candleGrace()),
        threshold,
        positive(config, "hopper.moves.window", d.moveWindow()),
        salesWindow,
        duration(config, "hopper.sales.grace", d.salesGrace()),
        duration(config, "hopper.sales.retention", d.salesRetention()),
        positive(config, "hopper.payments.window", d.paymentWindow()),
        duration(config, "hopper.payments.grace", d.paymentGrace()),
        duration(config, "hopper.payments.lag.allowance", d.paymentLagAllowance()),
        duration(config, "hopper.quotes.grace", d.quoteGrace()),
        duration(config, "hopper.quotes.max.wait", d.quoteMaxWait()),
        positive(config, "hopper.quotes.history.retention", d.quoteHistoryRetention()),
        config.get("hopper.valuation.coin", d.valuationCoin()),
        duration(config, "hopper.time.max.future", d.maxFutureSkew()),
        d.minEventTime(),
        positive(config, "hopper.watermark.interval", d.watermarkInterval()),
        positive(config, "hopper.watermark.idle.timeout", d.watermarkIdleTimeout()),
        orders,
        products);
  }

  private static List<CandleInterval> candleIntervals(LayeredConfig config) {
    String raw = config.get("hopper.candles.intervals", "1m,5m,1h");
    List<CandleInterval> out = new ArrayList<>();
    for (String part : raw.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      Duration size = Durations.parse("hopper.candles.intervals", p);
      if (size.isZero()) {
        throw new ConfigException("hopper.candles.intervals", raw, "intervals must be positive");
      }
      String label = TopologySettings.Labels.of(size);
      Duration retention =
          duration(config, "hopper.candles.retention." + label, defaultRetention(size));
      out.add(new CandleInterval(label, size, retention));
    }
    if (out.isEmpty()) {
      throw new ConfigException("hopper.candles.intervals", raw, "must list at least one interval");
    }
    return out;
  }

  /** SPEC: 1m windows 24 h, 5m 7 days, 1h 30 days; shorter or longer intervals alike. */
  static Duration defaultRetention(Duration size) {
    if (size.compareTo(Duration.ofMinutes(5)) < 0) {
      return Duration.ofHours(24);
    }
    if (size.compareTo(Duration.ofHours(1)) < 0) {
      return Duration.ofDays(7);
    }
    return Duration.ofDays(30);
  }

  private static Duration duration(LayeredConfig config, String key, Duration fallback) {
    return config.find(key).map(v -> Durations.parse(key, v)).orElse(fallback);
  }

  private static Duration positive(LayeredConfig config, String key, Duration fallback) {
    Duration d = duration(config, key, fallback);
    if (d.isZero()) {
      throw new ConfigException(key, "0", "must be positive");
    }
    return d;
  }

  private static double doubleValue(LayeredConfig config, String key, double fallback) {
    return config
        .find(key)
        .map(
            v -> {
              try {
                double d = Double.parseDouble(v);
                if (!(d > 0 && d < 100)) {
                  throw new ConfigException(key, v, "must be a percentage between 0 and 100");
                }
                return d;
              } catch (NumberFormatException e) {
                throw new ConfigException(key, v, "must be a number such as 2.0");
              }
            })
        .orElse(fallback);
  }

  /** The same settings with the real partition counts read from Kafka. */
  public StreamsSettings withPartitions(int ordersPartitions, int productsPartitions) {
    return new StreamsSettings(
        streamsProperties,
        catalog,
        topology.withPartitions(ordersPartitions, productsPartitions),
        rocksDbMemoryBytes,
        rest,
        monitor);
  }

  /**
   * The same settings advertising {@code hostPort} as Kafka Streams' {@code application.server},
   * the address other instances forward interactive queries to.
   */
  public StreamsSettings withApplicationServer(String hostPort) {
    Map<String, Object> props = new TreeMap<>(streamsProperties);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, hostPort);
    return new StreamsSettings(props, catalog, topology, rocksDbMemoryBytes, rest, monitor);
  }

  /** The application id. */
  public String applicationId() {
    return (String) streamsProperties.get(StreamsConfig.APPLICATION_ID_CONFIG);
  }
}
