package dev.hopper.streams.topology.orders;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.EnrichmentFlag;
import dev.hopper.avro.Order;
import dev.hopper.avro.Product;
import dev.hopper.streams.topology.InputProgress;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.Stamped;
import dev.hopper.streams.topology.flow.StoreValues;
import dev.hopper.streams.topology.flow.Watermarks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 of the order pipeline, on each partition of the orders-by-product repartition: joins an
 * order with its product (the co-partitioned products table), its customer (the global table) and
 * the bitcoin quotes as of its event time, and emits one {@code EnrichedOrder} per order; a missing
 * side is flagged, never a reason to drop the order.
 *
 * <p><b>Quotes as of the order's time, whatever the processing order.</b> Valuation quotes are
 * broadcast to every partition of this stage and kept in a versioned store, so the lookup is the
 * newest quote with {@code lastUpdated <= orderTime}. To make that independent of how the two
 * inputs interleave, an order is held until every quote it needs has moved more than the quote
 * grace past its time; a quote older than the newest of its pair minus that grace is dropped as
 * late. Once an order is released no quote that could change its valuation can still be accepted. A
 * pair whose feed stays silent for {@code quoteMaxWait} of wall-clock time stops holding orders
 * back (they are valued with the quotes at hand, or flagged).
 *
 * <p>The stage's watermark (forwarded to the partial sales aggregation) is the minimum over the
 * upstream orders partitions, held back by the oldest held order that is not late.
 */
public final class Enricher implements ProcessorSupplier<String, Flow, String, Flow> {
  private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);
  private final TopologySettings settings;
  private final ProcessingCounters counters;
  private final String quotesTopic;
  private final InputProgress progress;

  /**
   * Stage 2 with {@code settings}. A quote pair silent for the maximum wait stops holding orders
   * only once {@code progress} says the application has read everything of {@code quotesTopic} and
   * of this task's partition of the quote broadcast: silence while quotes wait to be read is this
   * application being slow, and valuing orders then would give other results than the input says.
   */
  public Enricher(
      TopologySettings settings,
      ProcessingCounters counters,
      String quotesTopic,
      InputProgress progress) {
    this.settings = settings;
    this.counters = counters;
    this.quotesTopic = quotesTopic;
    this.progress = progress;
  }

  @Override
  public Processor<String, Flow, String, Flow> get() {
    return new EnricherProcessor();
  }

  /** An enriched order with the order's own fields set and nothing joined yet. */
  public static EnrichedOrder.Builder fromOrder(Order o) {
    return EnrichedOrder.newBuilder()
        .setOrderId(o.getOrderId())
        .setCustomerId(o.getCustomerId())
        .setProductId(o.getProductId())
        .setCategory(o.getCategory())
        .setQuantity(o.getQuantity())
        .setUnitPrice(o.getUnitPrice())
        .setDiscountPct(o.getDiscountPct())
        .setFinalPrice(o.getFinalPrice())
        .setCurrency(o.getCurrency())
        .setPaymentMethod(o.getPaymentMethod())
        .setOrderTime(o.getOrderTime());
  }

  private final class EnricherProcessor implements Processor<String, Flow, String, Flow> {
    private final long quoteGraceMs = settings.quoteGrace().toMillis();
    private final long maxWaitMs = settings.quoteMaxWait().toMillis();
    private final String usdKey = settings.valuationCoin() + ":usd";
    private final Map<String, Long> lastQuoteProgress = new HashMap<>();
    // The local quote pairs that have held orders (rebuilt from the store's keys on init).
    private final Set<String> heldPairs = new HashSet<>();
    // The quote pairs currently treated as stalled (logged once per stall).
    private final Set<String> stalledPairs = new HashSet<>();
    private ProcessorContext<String, Flow> context;
    private String broadcastTopic;
    private KeyValueStore<String, Object> products;
    private KeyValueStore<String, Object> customers;
    private QuoteHistory quotes;
    private KeyValueStore<Bytes, Stamped<Order>> held;
    private KeyValueStore<Integer, Long> upstream;
    private long startedAt;
    private long watermark = Long.MIN_VALUE;

    @Override
    public void init(ProcessorContext<String, Flow> context) {
      this.context = context;
      this.broadcastTopic = context.applicationId() + "-" + Names.QUOTES_BROADCAST + "-repartition";
      this.products = context.getStateStore(Names.PRODUCTS_STORE);
      this.customers = context.getStateStore(Names.CUSTOMERS_STORE);
      VersionedKeyValueStore<String, CoinQuote> history =
          context.getStateStore(Names.QUOTE_HISTORY_STORE);
      this.quotes =
          new QuoteHistory(history, quoteGraceMs, settings.quoteHistoryRetention().toMillis());
      this.held = context.getStateStore(Names.HELD_ORDERS_STORE);
      this.upstream = context.getStateStore(Names.ENRICHMENT_WATERMARKS_STORE);
      this.startedAt = context.currentSystemTimeMs();
      try (KeyValueIterator<Bytes, Stamped<Order>> it = held.all()) {
        it.forEachRemaining(kv -> heldPairs.add(HeldKeys.pair(kv.key)));
      }
      context.schedule(
          settings.watermarkInterval(),
          PunctuationType.WALL_CLOCK_TIME,
          now -> {
            release(now);
            advanceWatermark();
          });
    }

    @Override
    public void process(Record<String, Flow> record) {
      Flow flow = record.value();
      switch (flow.kind()) {
        case ORDER -> onOrder(flow.asOrder(), flow.late());
        case QUOTE -> onQuote(flow.asQuote());
        case WATERMARK -> onWatermark(flow.source(), flow.time());
        default -> throw new IllegalStateException("Unexpected " + flow.kind() + " in enrichment");
      }
    }

    private void onOrder(Order order, boolean late) {
      if (releasable(order, context.currentSystemTimeMs())) {
        emit(order, late);
      } else {
        String pair = localKey(order);
        held.put(
            HeldKeys.of(pair, order.getOrderTime().toEpochMilli(), order.getOrderId()),
            new Stamped<>(0, late, order));
        heldPairs.add(pair);
      }
    }

    private void onQuote(CoinQuote quote) {
      String key = quote.getCoinId() + ":" + quote.getVsCurrency();
      long t = quote.getLastUpdated().toEpochMilli();
      Long newest = quotes.newest(key);
      if (!quotes.put(key, quote, t)) {
        counters.late(Names.LATE_VALUATION_QUOTES);
        return;
      }
      if (newest == null || t > newest) {
        long now = context.currentSystemTimeMs();
        lastQuoteProgress.put(key, now);
        if (stalledPairs.remove(key)) {
          LOG.info("Quotes {} flowing again on partition {}", key, context.taskId().partition());
        }
        release(now);
      }
    }

    private void onWatermark(int source, long time) {
      if (Watermarks.update(upstream, source, time)) {
        advanceWatermark();
      }
    }

    /**
     * Releases every held order whose quotes are settled, oldest first. Held orders are queued by
     * the local quote pair they wait for, in time order, so each queue is read up to the time both
     * its pair and the USD quote have settled and no further: an order that must keep waiting is
     * never read (with one queue in time order, every quote re-read the orders of every lagging
     * currency).
     */
    private void release(long now) {
      long usdSettled = settledUpTo(usdKey, now);
      if (usdSettled == Long.MIN_VALUE) {
        return;
      }
      List<KeyValue<Bytes, Stamped<Order>>> ready = new ArrayList<>();
      for (String pair : heldPairs) {
        long upTo = Math.min(usdSettled, settledUpTo(pair, now));
        if (upTo == Long.MIN_VALUE) {
          continue;
        }
        try (KeyValueIterator<Bytes, Stamped<Order>> it =
            held.range(HeldKeys.first(pair), HeldKeys.after(pair, upTo))) {
          it.forEachRemaining(ready::add);
        }
      }
      ready.sort(
          Comparator.comparingLong((KeyValue<Bytes, Stamped<Order>> kv) -> HeldKeys.time(kv.key))
              .thenComparing(kv -> kv.value.value().getOrderId()));
      for (KeyValue<Bytes, Stamped<Order>> entry : ready) {
        held.delete(entry.key);
        emit(entry.value.value(), entry.value.flag());
      }
    }

    /**
     * The latest order time whose quotes of {@code key} are settled: every time when the feed has
     * stalled, MIN_VALUE when there is no quote yet.
     */
    private long settledUpTo(String key, long now) {
      if (stalled(key, now)) {
        return Long.MAX_VALUE;
      }
      Long newest = newest(key);
      return newest == null || newest == Long.MIN_VALUE
          ? Long.MIN_VALUE
          : newest - quoteGraceMs - 1;
    }

    private boolean releasable(Order order, long now) {
      long t = order.getOrderTime().toEpochMilli();
      return settled(usdKey, t, now) && settled(localKey(order), t, now);
    }

    private boolean settled(String key, long t, long now) {
      Long newest = newest(key);
      return (newest != null && newest > t + quoteGraceMs) || stalled(key, now);
    }

    /** The time of the newest quote of {@code key}, or null when there is none. */
    private Long newest(String key) {
      return quotes.newest(key);
    }

    private boolean stalled(String key, long now) {
      long silent = now - lastQuoteProgress.getOrDefault(key, startedAt);
      if (silent < maxWaitMs
          || !progress.caughtUp(quotesTopic)
          || !progress.caughtUp(broadcastTopic, context.taskId().partition())) {
        return false;
      }
      if (stalledPairs.add(key)) {
        LOG.info(
            "Quotes {} silent for {} ms on partition {}: orders no longer wait for them",
            key,
            silent,
            context.taskId().partition());
      }
      return true;
    }

    private String localKey(Order order) {
      return settings.valuationCoin() + ":" + order.getCurrency().toLowerCase(Locale.ROOT);
    }

    private void emit(Order o, boolean late) {
      long t = o.getOrderTime().toEpochMilli();
      List<EnrichmentFlag> flags = new ArrayList<>(3);
      EnrichedOrder.Builder b = fromOrder(o);
      Product product = StoreValues.plain(products.get(o.getProductId()));
      if (product == null) {
        flags.add(EnrichmentFlag.PRODUCT_MISSING);
      } else {
        b.setProductName(product.getName()).setProductBrand(product.getBrand());
      }
      Customer customer = StoreValues.plain(customers.get(o.getCustomerId()));
      if (customer == null) {
        flags.add(EnrichmentFlag.CUSTOMER_MISSING);
      } else {
        b.setCustomerCity(customer.getCity())
            .setCustomerCountry(customer.getCountry())
            .setCustomerSegment(customer.getSegment());
      }
      CoinQuote usd = quotes.asOf(usdKey, t);
      String localKey = localKey(o);
      CoinQuote local = localKey.equals(usdKey) ? usd : quotes.asOf(localKey, t);
      if (local != null) {
        b.setFinalPriceBtc(Valuation.toBtc(o.getFinalPrice(), local.getPrice()))
            .setQuoteTime(local.getLastUpdated());
      }
      if (usd != null) {
        b.setUsdQuoteTime(usd.getLastUpdated());
      }
      if (usd != null && local != null) {
        b.setFinalPriceUsd(Valuation.toUsd(o.getFinalPrice(), usd.getPrice(), local.getPrice()));
      } else {
        flags.add(EnrichmentFlag.QUOTE_MISSING);
      }
      b.setFlags(flags);
      context.forward(new Record<>(o.getOrderId(), Flow.enriched(b.build(), late), t));
    }

    /** Forwards the stage watermark when it has moved. */
    private void advanceWatermark() {
      long min = Watermarks.minimum(upstream, settings.ordersPartitions());
      if (min == Watermarks.UNKNOWN) {
        return; // an orders partition has not reported yet: nothing can be final
      }
      for (String pair : heldPairs) {
        try (KeyValueIterator<Bytes, Stamped<Order>> it =
            held.range(HeldKeys.first(pair), HeldKeys.after(pair, Long.MAX_VALUE))) {
          while (it.hasNext()) {
            KeyValue<Bytes, Stamped<Order>> next = it.next();
            if (!next.value.flag()) {
              min = Math.min(min, HeldKeys.time(next.key));
              break;
            }
          }
        }
      }
      if (min > watermark) {
        watermark = min;
        context.forward(
            new Record<>(
                Flow.WATERMARK_KEY, Flow.watermark(context.taskId().partition(), min), min));
      }
    }
  }

  /**
   * Keys of the held orders: the local quote pair, a zero byte, the order time (big-endian, so keys
   * of a pair sort by time), then the order id.
   */
  static final class HeldKeys {
    private HeldKeys() {}

    static Bytes of(String pair, long time, String orderId) {
      byte[] p = pair.getBytes(StandardCharsets.UTF_8);
      byte[] id = orderId.getBytes(StandardCharsets.UTF_8);
      return Bytes.wrap(
          ByteBuffer.allocate(p.length + 9 + id.length)
              .put(p)
              .put((byte) 0)
              .putLong(time)
              .put(id)
              .array());
    }

    /** The smallest key of {@code pair}. */
    static Bytes first(String pair) {
      return bound(pair, 0L, false);
    }

    /** A key just after every key of {@code pair} up to and including {@code time}. */
    static Bytes after(String pair, long time) {
      return bound(pair, time, true);
    }

    static String pair(Bytes key) {
      byte[] b = key.get();
      return new String(b, 0, separator(b), StandardCharsets.UTF_8);
    }

    static long time(Bytes key) {
      byte[] b = key.get();
      return ByteBuffer.wrap(b).getLong(separator(b) + 1);
    }

    private static Bytes bound(String pair, long time, boolean after) {
      byte[] p = pair.getBytes(StandardCharsets.UTF_8);
      ByteBuffer buf = ByteBuffer.allocate(p.length + 9 + (after ? 1 : 0));
      buf.put(p).put((byte) 0).putLong(time);
      if (after) {
        buf.put((byte) 0xFF); // never in UTF-8, so after every order id
      }
      return Bytes.wrap(buf.array());
    }

    private static int separator(byte[] b) {
      for (int i = 0; i < b.length; i++) {
        if (b[i] == 0) {
          return i;
        }
      }
      throw new IllegalArgumentException("not a held-order key");
    }
  }
}
