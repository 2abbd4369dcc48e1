package dev.hopper.streams.topology.orders;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.EnrichmentFlag;
import dev.hopper.avro.Order;
import dev.hopper.avro.Product;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.OrderedKeys;
import dev.hopper.streams.topology.flow.Stamped;
import dev.hopper.streams.topology.flow.StoreValues;
import dev.hopper.streams.topology.flow.Watermarks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.apache.kafka.streams.state.VersionedRecord;

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
  private static final byte HELD = 0;

  private final TopologySettings settings;
  private final ProcessingCounters counters;

  /** Stage 2 with {@code settings}. */
  public Enricher(TopologySettings settings, ProcessingCounters counters) {
    this.settings = settings;
    this.counters = counters;
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
    // Newest quote time per pair, mirrored from the store: read for every order.
    private final Map<String, Long> newestQuote = new HashMap<>();
    private ProcessorContext<String, Flow> context;
    private KeyValueStore<String, Object> products;
    private KeyValueStore<String, Object> customers;
    private VersionedKeyValueStore<String, CoinQuote> quotes;
    private KeyValueStore<Bytes, Stamped<Order>> held;
    private KeyValueStore<Integer, Long> upstream;
    private long startedAt;
    private long watermark = Long.MIN_VALUE;

    @Override
    public void init(ProcessorContext<String, Flow> context) {
      this.context = context;
      this.products = context.getStateStore(Names.PRODUCTS_STORE);
      this.customers = context.getStateStore(Names.CUSTOMERS_STORE);
      this.quotes = context.getStateStore(Names.QUOTE_HISTORY_STORE);
      this.held = context.getStateStore(Names.HELD_ORDERS_STORE);
      this.upstream = context.getStateStore(Names.ENRICHMENT_WATERMARKS_STORE);
      this.startedAt = context.currentSystemTimeMs();
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
        held.put(
            OrderedKeys.of(HELD, order.getOrderTime().toEpochMilli(), order.getOrderId()),
            new Stamped<>(0, late, order));
      }
    }

    private void onQuote(CoinQuote quote) {
      String key = quote.getCoinId() + ":" + quote.getVsCurrency();
      long t = quote.getLastUpdated().toEpochMilli();
      VersionedRecord<CoinQuote> latest = quotes.get(key);
      if (latest != null && t < latest.timestamp() - quoteGraceMs) {
        counters.late(Names.LATE_VALUATION_QUOTES);
        return;
      }
      quotes.put(key, quote, t);
      if (latest == null || t > latest.timestamp()) {
        newestQuote.put(key, t);
        long now = context.currentSystemTimeMs();
        lastQuoteProgress.put(key, now);
        release(now);
      }
    }

    private void onWatermark(int source, long time) {
      if (Watermarks.update(upstream, source, time)) {
        advanceWatermark();
      }
    }

    /**
     * Releases every held order whose quotes are settled, oldest first. Every order needs the USD
     * quote, so only the held orders older than the newest USD quote minus the grace can be ready:
     * the scan is bounded by that time (held keys sort by order time) and never reads the orders
     * that must keep waiting.
     */
    private void release(long now) {
      Bytes upper;
      if (stalled(usdKey, now)) {
        upper = OrderedKeys.after(HELD, Long.MAX_VALUE);
      } else {
        Long usdNewest = newest(usdKey);
        if (usdNewest == null || usdNewest == Long.MIN_VALUE) {
          return;
        }
        upper = OrderedKeys.after(HELD, usdNewest - quoteGraceMs - 1);
      }
      List<KeyValue<Bytes, Stamped<Order>>> ready = new ArrayList<>();
      try (KeyValueIterator<Bytes, Stamped<Order>> it =
          held.range(OrderedKeys.first(HELD), upper)) {
        while (it.hasNext()) {
          KeyValue<Bytes, Stamped<Order>> next = it.next();
          if (releasable(next.value.value(), now)) {
            ready.add(next);
          }
        }
      }
      for (KeyValue<Bytes, Stamped<Order>> entry : ready) {
        held.delete(entry.key);
        emit(entry.value.value(), entry.value.flag());
      }
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
      Long newest = newestQuote.get(key);
      if (newest == null) {
        VersionedRecord<CoinQuote> latest = quotes.get(key); // after a restart
        if (latest != null) {
          newest = latest.timestamp();
          newestQuote.put(key, newest);
        }
      }
      return newest;
    }

    private boolean stalled(String key, long now) {
      return now - lastQuoteProgress.getOrDefault(key, startedAt) >= maxWaitMs;
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
      VersionedRecord<CoinQuote> usd = quotes.get(usdKey, t);
      String localKey = localKey(o);
      VersionedRecord<CoinQuote> local = localKey.equals(usdKey) ? usd : quotes.get(localKey, t);
      if (local != null) {
        b.setFinalPriceBtc(Valuation.toBtc(o.getFinalPrice(), local.value().getPrice()))
            .setQuoteTime(local.value().getLastUpdated());
      }
      if (usd != null) {
        b.setUsdQuoteTime(usd.value().getLastUpdated());
      }
      if (usd != null && local != null) {
        b.setFinalPriceUsd(
            Valuation.toUsd(o.getFinalPrice(), usd.value().getPrice(), local.value().getPrice()));
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
      try (KeyValueIterator<Bytes, Stamped<Order>> it = held.all()) {
        while (it.hasNext()) {
          KeyValue<Bytes, Stamped<Order>> next = it.next();
          if (!next.value.flag()) {
            min = Math.min(min, OrderedKeys.time(next.key));
            break;
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
}
