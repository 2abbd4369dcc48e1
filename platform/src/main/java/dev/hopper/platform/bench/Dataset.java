package dev.hopper.platform.bench;

import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.producers.generate.RecordLabel;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.KafkaClients;
import dev.hopper.topics.HopperTopic;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-loaded input of the drain workloads: the generator's catalog, customers, quotes, orders
 * and payments sent once to the input topics, and what every exact run must produce from them,
 * computed from the generator's own labels while sending (no record is held in memory).
 *
 * <p>The data is clean and on time, with 1 % of orders and payments disordered by up to 30 s (well
 * inside the 1-minute grace), like the reference measurements of the issue: so every order must
 * give one enriched order and one payment status, and every (category, minute) with orders one
 * final sales window whose order counts add up to the orders sent. The generator's trailing
 * records, far after everything else, close every window; they are left out of the counts.
 */
public final class Dataset {
  /** Sales window of the app's defaults, by which the expected windows are counted. */
  static final long SALES_WINDOW_MS = Duration.ofMinutes(1).toMillis();

  /** Marks the order ids of the generator's trailing records. */
  static final String TRAILER_MARK = "-trailer-";

  private final GeneratorConfig config;
  private final Expectation expectation;

  private Dataset(GeneratorConfig config, Expectation expectation) {
    this.config = config;
    this.expectation = expectation;
  }

  /**
   * What the input holds and what an exact run must output.
   *
   * @param records records per input topic
   * @param orders valid orders (not counting the trailing ones): expected enriched orders and
   *     payment statuses
   * @param windows distinct (category, window) pairs of those orders: expected final sales windows
   * @param windowedOrders orders those windows must count in total
   * @param rejected invalid records: expected dead letters
   * @param trailingOrders the generator's trailing orders (left out of every output count)
   */
  public record Expectation(
      Map<HopperTopic, Long> records,
      long orders,
      long windows,
      long windowedOrders,
      long rejected,
      long trailingOrders) {
    /** Records the stream threads consume: everything but the customers (a global table). */
    public long streamInputs() {
      return records.entrySet().stream()
          .filter(e -> e.getKey() != HopperTopic.SHOP_CUSTOMERS)
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    /** Records of one input topic. */
    public long count(HopperTopic topic) {
      return records.getOrDefault(topic, 0L);
    }
  }

  /** The generator configuration of the drain workloads. */
  public static GeneratorConfig config(BenchOptions options) {
    return GeneratorConfig.builder()
        .seed(options.seed())
        .orders(options.orders())
        .customers(options.customers())
        .products(options.products())
        .badRatio(0)
        .lateRatio(0)
        .disorderRatio(0.01)
        .orderDisorder(Duration.ofSeconds(30))
        .quotesFirst(true)
        .trailers(true)
        .partitions(options.partitions())
        .build();
  }

  /** The expectation of {@code config}, computed without sending anything. */
  public static Expectation expect(GeneratorConfig config) {
    return expect(DataGenerator.stream(config));
  }

  /** The expectation of the records of {@code records}, in send order. */
  static Expectation expect(Iterator<GeneratedRecord> records) {
    Tally tally = new Tally();
    records.forEachRemaining(tally::add);
    return tally.result();
  }

  /** Sends the data of {@code options} to the inputs of {@code topics}; returns it. */
  static Dataset load(
      BenchOptions options, BenchTopics topics, Map<String, String> clients, Console console) {
    GeneratorConfig config = config(options);
    Map<String, String> flags = new LinkedHashMap<>(clients);
    flags.putAll(topics.flags());
    LayeredConfig producerConfig =
        LayeredConfig.builder().defaults(KafkaClients.defaults()).flags(flags).build();
    KafkaClients.ensureTopics(
        producerConfig,
        topics.catalog(),
        List.of(
            HopperTopic.SHOP_PRODUCTS,
            HopperTopic.SHOP_CUSTOMERS,
            HopperTopic.CRYPTO_QUOTES,
            HopperTopic.SHOP_ORDERS,
            HopperTopic.SHOP_PAYMENTS));
    Tally tally = new Tally();
    long t0 = System.nanoTime();
    long lastReport = t0;
    try (HopperProducer producer = HopperProducer.create(producerConfig, "hopper-bench-loader")) {
      Iterator<GeneratedRecord> it = DataGenerator.stream(config);
      while (it.hasNext()) {
        GeneratedRecord r = it.next();
        producer.send(r);
        tally.add(r);
        long now = System.nanoTime();
        if (now - lastReport > 5_000_000_000L) {
          lastReport = now;
          console.line(
              "loading input: %s records sent (%s records/s)",
              Console.count(tally.total), Console.number(tally.total * 1e9 / (now - t0)));
        }
      }
      producer.flush();
    }
    Expectation e = tally.result();
    console.line(
        "loaded %s records in %.1f s: %s orders, %s payments, %s quotes, %s products, %s customers",
        Console.count(tally.total),
        (System.nanoTime() - t0) / 1e9,
        Console.count(e.count(HopperTopic.SHOP_ORDERS)),
        Console.count(e.count(HopperTopic.SHOP_PAYMENTS)),
        Console.count(e.count(HopperTopic.CRYPTO_QUOTES)),
        Console.count(e.count(HopperTopic.SHOP_PRODUCTS)),
        Console.count(e.count(HopperTopic.SHOP_CUSTOMERS)));
    return new Dataset(config, e);
  }

  /** The generator configuration of this data. */
  public GeneratorConfig config() {
    return config;
  }

  /** What an exact run must output. */
  public Expectation expectation() {
    return expectation;
  }

  /** Counts records by topic and label as they are sent. */
  private static final class Tally {
    private final Map<HopperTopic, Long> records = new EnumMap<>(HopperTopic.class);
    private final Set<Long> windows = new HashSet<>();
    private final Map<String, Integer> categories = new LinkedHashMap<>();
    private long total;
    private long orders;
    private long windowedOrders;
    private long rejected;
    private long trailingOrders;

    void add(GeneratedRecord r) {
      total++;
      records.merge(r.topic(), 1L, Long::sum);
      if (r.label() == RecordLabel.BAD) {
        rejected++;
        return;
      }
      if (r.topic() != HopperTopic.SHOP_ORDERS) {
        return;
      }
      if (r.label() == RecordLabel.TRAILER) {
        trailingOrders++;
        return;
      }
      orders++;
      if (r.label() != RecordLabel.LATE) {
        windowedOrders++;
        long t = r.order().getOrderTime().toEpochMilli();
        long start = t - Math.floorMod(t, SALES_WINDOW_MS);
        // Window number and category index in one long: no string per order.
        windows.add(start / SALES_WINDOW_MS * 1024 + category(r.order().getCategory()));
      }
    }

    private int category(String name) {
      int index = categories.computeIfAbsent(name, k -> categories.size());
      if (index >= 1024) {
        throw new IllegalStateException("more than 1024 categories");
      }
      return index;
    }

    Expectation result() {
      return new Expectation(
          Map.copyOf(records), orders, windows.size(), windowedOrders, rejected, trailingOrders);
    }
  }
}
