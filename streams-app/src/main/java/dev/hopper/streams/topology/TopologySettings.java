package dev.hopper.streams.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The processing parameters of the topology (SPEC "Processing"), already validated. The defaults
 * are SPEC's; {@code dev.hopper.streams.config.StreamsSettings} reads them from configuration.
 *
 * @param candleIntervals tumbling candle windows and how long each window store keeps them
 * @param candleGrace how late a quote may be and still count in its candle
 * @param moveThresholdPct minimum change against the preceding window's extreme for a price move
 * @param moveWindow the preceding window of a price move, also its cooldown per direction
 * @param salesWindow tumbling window of sales by category
 * @param salesGrace grace of sales by category
 * @param salesRetention how long the sales window store keeps windows for queries
 * @param paymentWindow how long after an order a payment may come and still pay it
 * @param paymentGrace how late a payment may be (in payment event time) and still count
 * @param paymentLagAllowance how far order time may run ahead of payment time before orders are
 *     closed on order time alone (for inputs that carry no payments, such as CSV replays)
 * @param quoteGrace how late a quote may be (against the newest quote of the same coin and
 *     currency) and still be used for valuation
 * @param quoteMaxWait wall-clock time an order waits for a silent quote feed before it is valued
 *     with the quotes at hand; silent means no quote arrived and none waits to be read
 * @param quoteHistoryRetention how far back quote history is kept for as-of valuation
 * @param valuationCoin the coin orders are valued in (bitcoin)
 * @param maxFutureSkew how far after its ingestion time an event time may lie and still be
 *     plausible
 * @param minEventTime the earliest plausible event time
 * @param watermarkInterval wall-clock interval at which stages publish their progress downstream
 * @param watermarkIdleTimeout wall-clock time without orders after which an orders partition that
 *     has nothing left to read is idle: left out of the downstream minimum until it has data again
 * @param ordersPartitions partition count of the orders topic (upstream watermark sources)
 * @param productsPartitions partition count of the products topic (partitions of the enrichment
 *     stage)
 */
public record TopologySettings(
    List<CandleInterval> candleIntervals,
    Duration candleGrace,
    double moveThresholdPct,
    Duration moveWindow,
    Duration salesWindow,
    Duration salesGrace,
    Duration salesRetention,
    Duration paymentWindow,
    Duration paymentGrace,
    Duration paymentLagAllowance,
    Duration quoteGrace,
    Duration quoteMaxWait,
    Duration quoteHistoryRetention,
    String valuationCoin,
    Duration maxFutureSkew,
    Instant minEventTime,
    Duration watermarkInterval,
    Duration watermarkIdleTimeout,
    int ordersPartitions,
    int productsPartitions) {

  /** The earliest plausible event time (SPEC "Time"): 2000-01-01T00:00:00Z. */
  public static final Instant MIN_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z");

  /** One candle interval: its label ({@code 1m}), length and store retention. */
  public record CandleInterval(String label, Duration size, Duration retention) {
    /** Validates the interval. */
    public CandleInterval {
      Objects.requireNonNull(label, "label");
      if (size.isZero() || size.isNegative()) {
        throw new IllegalArgumentException("candle interval " + label + " must be positive");
      }
    }
  }

  /** Validates the settings. */
  public TopologySettings {
    candleIntervals = List.copyOf(candleIntervals);
    if (candleIntervals.isEmpty()) {
      throw new IllegalArgumentException("at least one candle interval is required");
    }
    Objects.requireNonNull(valuationCoin, "valuationCoin");
    if (ordersPartitions < 1 || productsPartitions < 1) {
      throw new IllegalArgumentException("partition counts must be >= 1");
    }
  }

  /** SPEC's defaults, for the given partition counts. */
  public static TopologySettings defaults(int ordersPartitions, int productsPartitions) {
    return new TopologySettings(
        List.of(
            new CandleInterval("1m", Duration.ofMinutes(1), Duration.ofHours(24)),
            new CandleInterval("5m", Duration.ofMinutes(5), Duration.ofDays(7)),
            new CandleInterval("1h", Duration.ofHours(1), Duration.ofDays(30))),
        Duration.ofSeconds(30),
        2.0,
        Duration.ofMinutes(5),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        Duration.ofHours(24),
        Duration.ofMinutes(15),
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofDays(7),
        "bitcoin",
        Duration.ofMinutes(5),
        MIN_EVENT_TIME,
        Duration.ofMillis(200),
        Duration.ofSeconds(60),
        ordersPartitions,
        productsPartitions);
  }

  /** The same settings for other partition counts. */
  public TopologySettings withPartitions(int orders, int products) {
    return new TopologySettings(
        candleIntervals,
        candleGrace,
        moveThresholdPct,
        moveWindow,
        salesWindow,
        salesGrace,
        salesRetention,
        paymentWindow,
        paymentGrace,
        paymentLagAllowance,
        quoteGrace,
        quoteMaxWait,
        quoteHistoryRetention,
        valuationCoin,
        maxFutureSkew,
        minEventTime,
        watermarkInterval,
        watermarkIdleTimeout,
        orders,
        products);
  }

  /** The label of the sales window, e.g. {@code 1m}. */
  public String salesLabel() {
    return Labels.of(salesWindow);
  }

  /** Formats durations the way keys and intervals show them: 30s, 1m, 5m, 1h, 1d. */
  public static final class Labels {
    private Labels() {}

    /** The shortest exact label of {@code d}. */
    public static String of(Duration d) {
      long ms = d.toMillis();
      if (ms % 86_400_000L == 0) {
        return ms / 86_400_000L + "d";
      }
      if (ms % 3_600_000L == 0) {
        return ms / 3_600_000L + "h";
      }
      if (ms % 60_000L == 0) {
        return ms / 60_000L + "m";
      }
      if (ms % 1000L == 0) {
        return ms / 1000L + "s";
      }
      return ms + "ms";
    }
  }
}
