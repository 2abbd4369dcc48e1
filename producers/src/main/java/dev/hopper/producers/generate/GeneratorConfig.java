package dev.hopper.producers.generate;

import dev.hopper.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DataGenerator} makes. Everything it produces is a function of this configuration: the
 * same configuration gives the same records, byte for byte.
 *
 * <p>Time: order {@code i} is placed at {@code start + i * orderInterval} plus a random part of one
 * interval. Each record has an event time (in its payload) and a send time (the Kafka record
 * timestamp, i.e. the simulated ingestion time); records come out sorted by send time. On-time
 * records have both equal; disordered ones are sent up to {@code orderDisorder} / {@code
 * quoteDisorder} after their event time (well inside the topology's grace of 1 min for orders and
 * payments, 30 s for quotes); late ones {@code orderLateness} / {@code quoteLateness} after it (far
 * beyond every window and grace: 15 min payment window + 1 min grace, 1 h candles + 30 s grace).
 *
 * @param seed seed of every random choice
 * @param orders number of order slots (valid or bad orders); {@link #UNLIMITED} for an endless run
 * @param start time of the first order; products and customers are stamped one minute earlier
 * @param orderInterval mean time between two orders
 * @param products catalog size (over the 7 dataset categories)
 * @param customers number of customers
 * @param badRatio share of invalid records injected into each of orders, payments and quotes
 * @param lateRatio share of records sent far beyond grace
 * @param disorderRatio share of records sent out of order but within grace
 * @param includeQuotes whether to generate bitcoin (and other coins') quotes for enrichment
 * @param coins coin ids of the generated quotes, each in {@code usd} and {@code inr}
 * @param quoteInterval time between two quote ticks
 * @param quoteDelay first quote tick after {@code start}: orders before it have no quote
 * @param quotesFirst all quotes before all orders (the unambiguous test fixture) instead of one
 *     stream merged by send time
 * @param trailers append records far in the future on every partition so every window closes
 * @param partitions partition count of the topics, to place trailers on every partition
 * @param orderDisorder largest on-time disorder of orders and payments
 * @param quoteDisorder largest on-time disorder of quotes
 * @param orderLateness how late late orders and payments are
 * @param quoteLateness how late late quotes are
 * @param trailerGap time between the last regular record and the trailers
 */
public record GeneratorConfig(
    long seed,
    long orders,
    Instant start,
    Duration orderInterval,
    int products,
    int customers,
    double badRatio,
    double lateRatio,
    double disorderRatio,
    boolean includeQuotes,
    List<String> coins,
    Duration quoteInterval,
    Duration quoteDelay,
    boolean quotesFirst,
    boolean trailers,
    int partitions,
    Duration orderDisorder,
    Duration quoteDisorder,
    Duration orderLateness,
    Duration quoteLateness,
    Duration trailerGap) {

  /** {@link #orders()} of an endless run. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** Longest delay between an order and one of its payments (payments after the window too). */
  public static final Duration MAX_PAYMENT_DELAY = Duration.ofMinutes(45);

  /** Default start: a fixed instant, so that a seed alone makes the output reproducible. */
  public static final Instant DEFAULT_START = Instant.parse("2024-11-21T00:00:00Z");

  /** Validates the configuration, naming the wrong parameter. */
  public GeneratorConfig {
    Objects.requireNonNull(start, "start");
    coins = List.copyOf(coins);
    require(orders >= 0, "orders must be >= 0");
    require(products >= 1, "products must be >= 1");
    require(customers >= 1, "customers must be >= 1");
    require(ratio(badRatio), "badRatio must be between 0 and 1");
    require(ratio(lateRatio), "lateRatio must be between 0 and 1");
    require(ratio(disorderRatio), "disorderRatio must be between 0 and 1");
    require(
        badRatio + lateRatio + disorderRatio <= 1,
        "badRatio + lateRatio + disorderRatio must be <= 1");
    require(positive(orderInterval), "orderInterval must be positive");
    require(positive(quoteInterval), "quoteInterval must be positive");
    require(!quoteDelay.isNegative(), "quoteDelay must be >= 0");
    require(partitions >= 1, "partitions must be >= 1");
    require(positive(orderDisorder), "orderDisorder must be positive");
    require(positive(quoteDisorder), "quoteDisorder must be positive");
    require(orderLateness.compareTo(orderDisorder) > 0, "orderLateness must exceed orderDisorder");
    require(quoteLateness.compareTo(quoteDisorder) > 0, "quoteLateness must exceed quoteDisorder");
    require(positive(trailerGap), "trailerGap must be positive");
    require(!(trailers && orders == UNLIMITED), "an endless run cannot have trailers");
    require(!includeQuotes || !coins.isEmpty(), "quotes need at least one coin");
    require(
        !includeQuotes || !quotesFirst || orders != UNLIMITED,
        "an endless run cannot send all quotes first");
  }

  private static boolean ratio(double r) {
    return r >= 0 && r <= 1;
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The defaults: seed 42, 1000 orders from {@link #DEFAULT_START}, nothing bad or late. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.orders = orders;
    b.start = start;
    b.orderInterval = orderInterval;
    b.products = products;
    b.customers = customers;
    b.badRatio = badRatio;
    b.lateRatio = lateRatio;
    b.disorderRatio = disorderRatio;
    b.includeQuotes = includeQuotes;
    b.coins = coins;
    b.quoteInterval = quoteInterval;
    b.quoteDelay = quoteDelay;
    b.quotesFirst = quotesFirst;
    b.trailers = trailers;
    b.partitions = partitions;
    b.orderDisorder = orderDisorder;
    b.quoteDisorder = quoteDisorder;
    b.orderLateness = orderLateness;
    b.quoteLateness = quoteLateness;
    b.trailerGap = trailerGap;
    return b;
  }

  /** Time of order slot {@code i}'s interval start (saturating for endless runs). */
  Instant slotStart(long i) {
    long ms = orderInterval.toMillis();
    if (i > 0 && ms > (Long.MAX_VALUE / 4) / i) {
      return Instant.MAX.minus(Duration.ofDays(365 * 1000L));
    }
    return start.plusMillis(i * ms);
  }

  /** End of the order timeline: no order is placed at or after it. */
  public Instant ordersEnd() {
    return slotStart(orders);
  }

  /**
   * Event time of the trailing records: after every regular record's send time, plus {@link
   * #trailerGap()}.
   */
  public Instant trailerTime() {
    Instant end = ordersEnd();
    Instant lastOrders = end.plus(MAX_PAYMENT_DELAY).plus(orderLateness);
    Instant lastQuotes = includeQuotes ? end.plus(quoteLateness).plus(quoteDisorder) : end;
    Instant last = lastOrders.isAfter(lastQuotes) ? lastOrders : lastQuotes;
    return last.plus(trailerGap).truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * From {@code start} to the last record's send time, an upper bound: a run that starts at {@code
   * now - span()} has no record in the future.
   */
  public Duration span() {
    Instant last = trailers ? trailerTime().plusSeconds(5) : trailerTime().minus(trailerGap);
    return Duration.between(start.minusSeconds(60), last);
  }

  /** Builds a {@link GeneratorConfig}; every field has a default. */
  public static final class Builder {
    private long seed = 42;
    private long orders = 1000;
    private Instant start = DEFAULT_START;
    private Duration orderInterval = Duration.ofMillis(500);
    private int products = 120;
    private int customers = 600;
    private double badRatio;
    private double lateRatio;
    private double disorderRatio;
    private boolean includeQuotes = true;
    private List<String> coins = List.of("bitcoin", "ethereum");
    private Duration quoteInterval = Duration.ofSeconds(10);
    private Duration quoteDelay = Duration.ofSeconds(30);
    private boolean quotesFirst = true;
    private boolean trailers = true;
    private int partitions = TopicCatalog.DEFAULT_PARTITIONS;
    private Duration orderDisorder = Duration.ofSeconds(20);
    private Duration quoteDisorder = Duration.ofSeconds(10);
    private Duration orderLateness = Duration.ofMinutes(30);
    private Duration quoteLateness = Duration.ofMinutes(90);
    private Duration trailerGap = Duration.ofHours(2);

    private Builder() {}

    /** Seed of every random choice. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Number of order slots. */
    public Builder orders(long v) {
      orders = v;
      return this;
    }

    /** Time of the first order. */
    public Builder start(Instant v) {
      start = v;
      return this;
    }

    /** Mean time between two orders. */
    public Builder orderInterval(Duration v) {
      orderInterval = v;
      return this;
    }

    /** Catalog size. */
    public Builder products(int v) {
      products = v;
      return this;
    }

    /** Number of customers. */
    public Builder customers(int v) {
      customers = v;
      return this;
    }

    /** Share of invalid records per stream. */
    public Builder badRatio(double v) {
      badRatio = v;
      return this;
    }

    /** Share of records sent far beyond grace. */
    public Builder lateRatio(double v) {
      lateRatio = v;
      return this;
    }

    /** Share of records sent out of order within grace. */
    public Builder disorderRatio(double v) {
      disorderRatio = v;
      return this;
    }

    /** Whether to generate quotes. */
    public Builder includeQuotes(boolean v) {
      includeQuotes = v;
      return this;
    }

    /** Coins of the generated quotes. */
    public Builder coins(List<String> v) {
      coins = v;
      return this;
    }

    /** Time between two quote ticks. */
    public Builder quoteInterval(Duration v) {
      quoteInterval = v;
      return this;
    }

    /** First quote tick after start. */
    public Builder quoteDelay(Duration v) {
      quoteDelay = v;
      return this;
    }

    /** All quotes before all orders, or one stream merged by send time. */
    public Builder quotesFirst(boolean v) {
      quotesFirst = v;
      return this;
    }

    /** Whether to append trailing records that close every window. */
    public Builder trailers(boolean v) {
      trailers = v;
      return this;
    }

    /** Partition count of the topics. */
    public Builder partitions(int v) {
      partitions = v;
      return this;
    }

    /** Largest on-time disorder of orders and payments. */
    public Builder orderDisorder(Duration v) {
      orderDisorder = v;
      return this;
    }

    /** Largest on-time disorder of quotes. */
    public Builder quoteDisorder(Duration v) {
      quoteDisorder = v;
      return this;
    }

    /** How late late orders and payments are. */
    public Builder orderLateness(Duration v) {
      orderLateness = v;
      return this;
    }

    /** How late late quotes are. */
    public Builder quoteLateness(Duration v) {
      quoteLateness = v;
      return this;
    }

    /** Gap before the trailing records. */
    public Builder trailerGap(Duration v) {
      trailerGap = v;
      return this;
    }

    /** The validated configuration. */
    public GeneratorConfig build() {
      return new GeneratorConfig(
          seed,
          orders,
          start,
          orderInterval,
          products,
          customers,
          badRatio,
          lateRatio,
          disorderRatio,
          includeQuotes,
          coins,
          quoteInterval,
          quoteDelay,
          quotesFirst,
          trailers,
          partitions,
          orderDisorder,
          quoteDisorder,
          orderLateness,
          quoteLateness,
          trailerGap);
    }
  }
}
