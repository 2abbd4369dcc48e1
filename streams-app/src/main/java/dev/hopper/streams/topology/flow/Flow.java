package dev.hopper.streams.topology.flow;

import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;

/**
 * The internal message between the stages of the order pipeline: a data record or a watermark.
 *
 * <p>Watermarks are how Hopper stays exact while draining a backlog. A stage that feeds a
 * repartition topic interleaves its data with {@link Kind#WATERMARK} messages that carry {@code
 * source} (its own partition) and {@code time} (the event time it has reached); the watermark is
 * broadcast to every partition of the repartition topic, behind the data it covers. A downstream
 * stage takes the minimum over all its upstream sources and closes a window only once that minimum
 * has passed it, the way Flink does, instead of trusting a stream time that jumps with whichever
 * upstream task happens to be fastest.
 *
 * @param kind what this message is
 * @param source the upstream partition that sent a watermark or partial aggregate
 * @param time the watermark's event time
 * @param late for orders: late for the windowed aggregations (already beyond grace on their own
 *     partition), so they are enriched but not counted in windows
 * @param payload the record, or null for a watermark
 */
public record Flow(Kind kind, int source, long time, boolean late, Object payload) {

  /**
   * The key of watermark records. Not null: Kafka Streams drops null-key records before a
   * repartition topic. Watermarks are broadcast, so the key never picks a partition.
   */
  public static final String WATERMARK_KEY = "";

  /** What a {@link Flow} carries. */
  public enum Kind {
    ORDER,
    PAYMENT,
    QUOTE,
    WATERMARK,
    ENRICHED,
    PARTIAL
  }

  /** A valid order; {@code late} marks it late for the windowed aggregations. */
  public static Flow order(Order order, boolean late) {
    return new Flow(Kind.ORDER, -1, 0, late, order);
  }

  /** A valid payment. */
  public static Flow payment(Payment payment) {
    return new Flow(Kind.PAYMENT, -1, 0, false, payment);
  }

  /** A valid quote. */
  public static Flow quote(CoinQuote quote) {
    return new Flow(Kind.QUOTE, -1, 0, false, quote);
  }

  /** An enriched order, late or not for the windowed aggregations. */
  public static Flow enriched(EnrichedOrder order, boolean late) {
    return new Flow(Kind.ENRICHED, -1, 0, late, order);
  }

  /** A partial window aggregate from upstream partition {@code source}. */
  public static Flow partial(int source, CategorySales partial) {
    return new Flow(Kind.PARTIAL, source, 0, false, partial);
  }

  /** Upstream partition {@code source} has reached event time {@code time}. */
  public static Flow watermark(int source, long time) {
    return new Flow(Kind.WATERMARK, source, time, false, null);
  }

  /** Whether this message is a watermark. */
  public boolean isWatermark() {
    return kind == Kind.WATERMARK;
  }

  /** The order payload. */
  public Order asOrder() {
    return (Order) payload;
  }

  /** The payment payload. */
  public Payment asPayment() {
    return (Payment) payload;
  }

  /** The quote payload. */
  public CoinQuote asQuote() {
    return (CoinQuote) payload;
  }

  /** The enriched order payload. */
  public EnrichedOrder asEnriched() {
    return (EnrichedOrder) payload;
  }

  /** The partial aggregate payload. */
  public CategorySales asPartial() {
    return (CategorySales) payload;
  }
}
