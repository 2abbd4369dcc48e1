package dev.hopper.streams.topology;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.CustomerStats;
import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.streams.topology.TopologySettings.CandleInterval;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.FlowPartitioner;
import dev.hopper.streams.topology.flow.FlowSerde;
import dev.hopper.streams.topology.flow.StampedSerde;
import dev.hopper.streams.topology.orders.Enricher;
import dev.hopper.streams.topology.orders.OrderWatermarks;
import dev.hopper.streams.topology.orders.PaymentReconciler;
import dev.hopper.streams.topology.orders.SalesPartials;
import dev.hopper.streams.topology.orders.SalesWindows;
import dev.hopper.streams.topology.quotes.CandleAggregate;
import dev.hopper.streams.topology.quotes.LatestQuotes;
import dev.hopper.streams.topology.quotes.PriceMoveDetector;
import dev.hopper.streams.topology.validation.Gated;
import dev.hopper.streams.topology.validation.OrderValidator;
import dev.hopper.streams.topology.validation.PaymentValidator;
import dev.hopper.streams.topology.validation.QuoteValidator;
import dev.hopper.streams.topology.validation.TimePolicy;
import dev.hopper.streams.topology.validation.ValidationGate;
import dev.hopper.streams.topology.validation.Validator;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Hopper's Kafka Streams topology (SPEC "Processing"), as a pure function of its topics, serdes and
 * settings: no environment, no network, no {@code KafkaStreams}.
 *
 * <p>Sub-topologies, by input:
 *
 * <ul>
 *   <li><b>quotes</b>: validation gate; candles per interval (event-time tumbling windows, grace,
 *       one final record each); price moves; valuation quotes broadcast to the enrichment stage.
 *   <li><b>orders + payments</b> (co-partitioned by orderId): validation gates; payment
 *       reconciliation; stage 1 of the order pipeline (late marking, watermarks, key by product);
 *       orders re-keyed by customer for the customer stats.
 *   <li><b>orders by product + products + valuation quotes</b>: enrichment, then the partial sales
 *       aggregation per partition.
 *   <li><b>partials by category</b>: the final sales windows, closed on the minimum watermark.
 *   <li><b>orders by customer</b>: the customer stats key-value store.
 * </ul>
 */
public final class HopperTopology {
  /**
   * The quote history's changelog must keep every version (compaction would keep only the latest
   * per key, and restores its versions by record timestamp): kept by size instead.
   */
  private static final Map<String, String> VERSIONED_CHANGELOG =
      Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "268435456");

  /**
   * A versioned store keeps every version of a key that falls in one segment in a single RocksDB
   * value, rewritten on every put. With the default segment (a 24th of the retention: 7 hours for a
   * week) a busy quote pair piles hundreds of versions into one value; ten minutes keeps it to a
   * few dozen. (Lookups as of a time are answered by the enrichment's {@code QuoteHistory}, which
   * reads the store only for times older than what it holds.)
   */
  private static final Duration QUOTE_HISTORY_SEGMENT = Duration.ofMinutes(10);

  private HopperTopology() {}

  /** The topology, with its own fresh counters. */
  public static Topology build(Topics topics, HopperSerdes serdes, TopologySettings settings) {
    return build(topics, serdes, settings, new ProcessingCounters());
  }

  /** The topology, counting rejections and late drops into {@code counters}. */
  public static Topology build(
      Topics topics, HopperSerdes serdes, TopologySettings settings, ProcessingCounters counters) {
    return build(topics, serdes, settings, counters, null, InputProgress.PIPED);
  }

  /**
   * The topology built with the application's {@code config} (which carries, e.g., the processor
   * wrapper of the metrics), counting rejections and late drops into {@code counters}, and asking
   * {@code progress} whether a silent input is idle or only waiting to be read.
   */
  public static Topology build(
      Topics topics,
      HopperSerdes serdes,
      TopologySettings settings,
      ProcessingCounters counters,
      TopologyConfig config,
      InputProgress progress) {
    StreamsBuilder builder = config == null ? new StreamsBuilder() : new StreamsBuilder(config);
    TimePolicy time = new TimePolicy(settings.minEventTime(), settings.maxFutureSkew());
    FlowSerde flowSerde = new FlowSerde(serdes);

    KStream<String, CoinQuote> quotes =
        gate(
            builder,
            topics.quotes(),
            topics.rejected(),
            serdes.quote().deserializer(),
            new QuoteValidator(time),
            counters,
            Names.QUOTES_GATE);
    KStream<String, Order> orders =
        gate(
            builder,
            topics.orders(),
            topics.rejected(),
            serdes.order().deserializer(),
            new OrderValidator(time),
            counters,
            Names.ORDERS_GATE);
    KStream<String, Payment> payments =
        gate(
            builder,
            topics.payments(),
            topics.rejected(),
            serdes.payment().deserializer(),
            new PaymentValidator(time),
            counters,
            Names.PAYMENTS_GATE);

    KStream<String, CoinQuote> priced =
        quotes.filter((k, q) -> q.getPrice() != null, Named.as("quotes-priced"));
    // Re-keying by coinId:vsCurrency is explicit: the gate's process() marks the key as changed,
    // so grouping would repartition here anyway. The latest-quote store runs on the same stream as
    // the candle windows, in their tasks, so its newest event time is their stream time.
    KStream<String, CoinQuote> byPair =
        priced.repartition(
            Repartitioned.<String, CoinQuote>as(Names.QUOTES_BY_PAIR)
                .withKeySerde(serdes.key())
                .withValueSerde(serdes.quote()));
    byPair.process(
        new LatestQuotes(serdes.quote(), settings, counters), Named.as(Names.LATEST_QUOTES));
    candles(byPair, topics, serdes, settings);
    priceMoves(builder, priced, topics, serdes, settings, counters);

    KStream<String, Flow> valuationQuotes =
        priced
            .filter(
                (k, q) -> settings.valuationCoin().equals(q.getCoinId()),
                Named.as("quotes-valuation-coin"))
            .mapValues(Flow::quote, Named.as("quotes-to-flow"))
            .repartition(
                Repartitioned.<String, Flow>as(Names.QUOTES_BROADCAST)
                    .withKeySerde(serdes.key())
                    .withValueSerde(flowSerde)
                    .withStreamPartitioner(new FlowPartitioner())
                    .withNumberOfPartitions(settings.productsPartitions()));

    paymentReconciliation(builder, orders, payments, topics, serdes, settings, counters);
    customerStats(orders, serdes);
    ordersPipeline(
        builder, orders, valuationQuotes, topics, serdes, flowSerde, settings, counters, progress);
    return builder.build();
  }

  /**
   * Reads an event input as raw bytes through its validation gate; dead letters go to {@code
   * rejected} from here, valid values continue re-stamped with their event time.
   */
  private static <T> KStream<String, T> gate(
      StreamsBuilder builder,
      Topic<String, byte[]> input,
      Topic<String, RejectedRecord> rejected,
      Deserializer<T> deserializer,
      Validator<T> validator,
      ProcessingCounters counters,
      String name) {
    KStream<String, Gated<T>> gated =
        builder.stream(
                input.name(),
                Consumed.with(input.keySerde(), input.valueSerde())
                    .withTimestampExtractor(new IngestionTimeExtractor())
                    .withName(name + "-source"))
            .process(new ValidationGate<>(deserializer, validator, counters), Named.as(name));
    Map<String, KStream<String, Gated<T>>> branches =
        gated
            .split(Named.as(name + "-"))
            .branch((k, v) -> v.isValid(), Branched.as("valid"))
            .defaultBranch(Branched.as("rejected"));
    branches
        .get(name + "-rejected")
        .mapValues(Gated::rejected, Named.as(name + "-dead-letters"))
        .to(rejected.name(), rejected.produced().withName(name + "-rejected-sink"));
    return branches.get(name + "-valid").mapValues(Gated::value, Named.as(name + "-values"));
  }

  private static void candles(
      KStream<String, CoinQuote> priced,
      Topics topics,
      HopperSerdes serdes,
      TopologySettings settings) {
    // Quotes are keyed coinId:vsCurrency by the producers (the gate checks it): no repartition,
    // so each task's stream time is its own partition's and candles are exact under backlog.
    KGroupedStream<String, CoinQuote> byPair =
        priced.groupByKey(Grouped.with(Names.QUOTES_BY_PAIR, serdes.key(), serdes.quote()));
    for (CandleInterval interval : settings.candleIntervals()) {
      String label = interval.label();
      long size = interval.size().toMillis();
      Duration retention = max(interval.retention(), interval.size().plus(settings.candleGrace()));
      byPair
          .windowedBy(TimeWindows.ofSizeAndGrace(interval.size(), settings.candleGrace()))
          .aggregate(
              CandleAggregate::empty,
              (key, quote, agg) -> agg.plus(quote),
              Named.as("candles-" + label + "-aggregate"),
              Materialized.<String, CandleAggregate, WindowStore<Bytes, byte[]>>as(
                      Names.candlesStore(label))
                  .withKeySerde(serdes.key())
                  .withValueSerde(new CandleAggregate.SerdeImpl())
                  .withRetention(retention)
                  .withLoggingEnabled(StoreBuilders.WINDOW_CHANGELOG))
          // One final record per window, when stream time passes window end + grace.
          .suppress(
              Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                  .withName("candles-" + label + "-final"))
          .toStream(Named.as("candles-" + label + "-stream"))
          .map(
              (windowed, agg) -> {
                long start = windowed.window().start();
                return KeyValue.pair(
                    windowed.key() + ":" + label + ":" + start,
                    agg.toCandle(windowed.key(), label, start, start + size));
              },
              Named.as("candles-" + label + "-to-candle"))
          .to(
              topics.candles().name(),
              topics.candles().produced().withName("candles-" + label + "-sink"));
    }
  }

  private static void priceMoves(
      StreamsBuilder builder,
      KStream<String, CoinQuote> priced,
      Topics topics,
      HopperSerdes serdes,
      TopologySettings settings,
      ProcessingCounters counters) {
    Duration historyRetention =
        settings.moveWindow().plus(settings.candleGrace()).plus(Duration.ofMinutes(1));
    // In memory (changelogged, restored on start): it holds a few minutes of prices per pair. In
    // RocksDB, a window store this short-lived is a new RocksDB instance (segment) every few
    // minutes of event time, opened and later closed: a backlog of two days of quotes opened and
    // closed hundreds of them, and in the profile of a drain's first minute RocksDB open and close
    // took most of the price-move stage's time.
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(
                    Names.PRICE_MOVES_HISTORY_STORE, historyRetention, Duration.ofMillis(1), true),
                serdes.key(),
                Serdes.Double())
            .withLoggingEnabled(StoreBuilders.WINDOW_CHANGELOG));
    builder.addStateStore(
        StoreBuilders.table(Names.PRICE_MOVES_STATE_STORE, Serdes.String(), Serdes.Long()));
    builder.addStateStore(
        StoreBuilders.queue(Names.PRICE_MOVES_PENDING_STORE, Serdes.Bytes(), serdes.quote()));
    priced
        .process(
            new PriceMoveDetector(settings, counters),
            Named.as(Names.PRICE_MOVES),
            Names.PRICE_MOVES_HISTORY_STORE,
            Names.PRICE_MOVES_STATE_STORE,
            Names.PRICE_MOVES_PENDING_STORE)
        .to(
            topics.priceMoves().name(),
            topics.priceMoves().produced().withName(Names.PRICE_MOVES + "-sink"));
  }

  private static void paymentReconciliation(
      StreamsBuilder builder,
      KStream<String, Order> orders,
      KStream<String, Payment> payments,
      Topics topics,
      HopperSerdes serdes,
      TopologySettings settings,
      ProcessingCounters counters) {
    builder.addStateStore(
        StoreBuilders.table(
            Names.PAYMENTS_PENDING_ORDERS_STORE, serdes.key(), new StampedSerde<>(Serdes.Long())));
    builder.addStateStore(
        StoreBuilders.table(
            Names.PAYMENTS_CANDIDATES_STORE,
            serdes.key(),
            Serdes.ListSerde(ArrayList.class, serdes.payment())));
    builder.addStateStore(
        StoreBuilders.table(Names.PAYMENTS_STREAM_TIME_STORE, Serdes.String(), Serdes.Long()));
    orders
        .mapValues(o -> Flow.order(o, false), Named.as("payments-orders"))
        .merge(
            payments.mapValues(Flow::payment, Named.as("payments-payments")),
            Named.as("payments-merge"))
        .process(
            new PaymentReconciler(settings, counters),
            Named.as(Names.PAYMENT_RECONCILIATION),
            Names.PAYMENTS_PENDING_ORDERS_STORE,
            Names.PAYMENTS_CANDIDATES_STORE,
            Names.PAYMENTS_STREAM_TIME_STORE)
        .to(
            topics.paymentStatus().name(),
            topics.paymentStatus().produced().withName(Names.PAYMENT_RECONCILIATION + "-sink"));
  }

  private static void customerStats(KStream<String, Order> orders, HopperSerdes serdes) {
    // Sums and a maximum: order-independent, so a plain repartition by customer is exact. Each
    // order travels as its own one-order statistics (smaller than the order), merged per customer.
    orders
        .map(
            (orderId, order) -> KeyValue.pair(order.getCustomerId(), statsOf(order)),
            Named.as(Names.ORDERS_BY_CUSTOMER + "-stats"))
        .groupByKey(Grouped.with(Names.ORDERS_BY_CUSTOMER, serdes.key(), serdes.customerStats()))
        .reduce(
            HopperTopology::mergeStats,
            Named.as(Names.CUSTOMER_STATS_STORE + "-aggregate"),
            Materialized.<String, CustomerStats, KeyValueStore<Bytes, byte[]>>as(
                    Names.CUSTOMER_STATS_STORE)
                .withKeySerde(serdes.key())
                .withValueSerde(serdes.customerStats())); // cached: see StoreBuilders.kv
  }

  /** The running statistics of a customer with this one order. */
  static CustomerStats statsOf(Order order) {
    return CustomerStats.newBuilder()
        .setCustomerId(order.getCustomerId())
        .setOrders(1)
        .setTotalSpent(order.getFinalPrice().setScale(2, RoundingMode.HALF_EVEN))
        .setCurrency(order.getCurrency())
        .setLastOrderTime(order.getOrderTime())
        .build();
  }

  /** Two running statistics of the same customer combined. */
  static CustomerStats mergeStats(CustomerStats a, CustomerStats b) {
    Instant last =
        a.getLastOrderTime().isAfter(b.getLastOrderTime())
            ? a.getLastOrderTime()
            : b.getLastOrderTime();
    return CustomerStats.newBuilder(a)
        .setOrders(a.getOrders() + b.getOrders())
        .setTotalSpent(a.getTotalSpent().add(b.getTotalSpent()))
        .setLastOrderTime(last)
        .build();
  }

  private static void ordersPipeline(
      StreamsBuilder builder,
      KStream<String, Order> orders,
      KStream<String, Flow> valuationQuotes,
      Topics topics,
      HopperSerdes serdes,
      FlowSerde flowSerde,
      TopologySettings settings,
      ProcessingCounters counters,
      InputProgress progress) {
    builder.addStateStore(
        StoreBuilders.table(Names.ORDERS_STREAM_TIME_STORE, Serdes.String(), Serdes.Long()));
    referenceTables(builder, topics, serdes);

    // Stage 1 (orders partitions): late marking and watermarks, then the repartition by product.
    // Data goes by productId (same partitioning as shop.products); watermarks to every partition.
    KStream<String, Flow> byProduct =
        orders
            .process(
                new OrderWatermarks(settings, topics.orders().name(), progress),
                Named.as(Names.ORDERS_WATERMARKS),
                Names.ORDERS_STREAM_TIME_STORE)
            .repartition(
                Repartitioned.<String, Flow>as(Names.ORDERS_BY_PRODUCT)
                    .withKeySerde(serdes.key())
                    .withValueSerde(flowSerde)
                    .withStreamPartitioner(new FlowPartitioner())
                    .withNumberOfPartitions(settings.productsPartitions()));

    enrichmentAndSales(
        builder,
        byProduct,
        valuationQuotes,
        topics,
        serdes,
        flowSerde,
        settings,
        counters,
        progress);
  }

  /**
   * Stages 2 and 3 of the order pipeline, from the orders-by-product flow (orders and the
   * watermarks of every orders partition) and the broadcast valuation quotes. Package-private so
   * tests can feed them interleaved watermarks of several upstream partitions.
   */
  static void enrichmentAndSales(
      StreamsBuilder builder,
      KStream<String, Flow> byProduct,
      KStream<String, Flow> valuationQuotes,
      Topics topics,
      HopperSerdes serdes,
      FlowSerde flowSerde,
      TopologySettings settings,
      ProcessingCounters counters,
      InputProgress progress) {
    // Stage 2 (product partitions): enrichment and partial sales.
    builder.addStateStore(
        Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore(
                    Names.QUOTE_HISTORY_STORE,
                    settings.quoteHistoryRetention(),
                    QUOTE_HISTORY_SEGMENT),
                serdes.key(),
                serdes.quote())
            .withLoggingEnabled(VERSIONED_CHANGELOG));
    builder.addStateStore(
        StoreBuilders.queue(
            Names.HELD_ORDERS_STORE, Serdes.Bytes(), new StampedSerde<>(serdes.order())));
    builder.addStateStore(
        StoreBuilders.table(Names.ENRICHMENT_WATERMARKS_STORE, Serdes.Integer(), Serdes.Long()));
    KStream<String, Flow> enriched =
        byProduct
            .merge(valuationQuotes, Named.as("enrichment-inputs"))
            .process(
                new Enricher(settings, counters, topics.quotes().name(), progress),
                Named.as(Names.ENRICHMENT),
                Names.PRODUCTS_STORE,
                Names.QUOTE_HISTORY_STORE,
                Names.HELD_ORDERS_STORE,
                Names.ENRICHMENT_WATERMARKS_STORE);
    enriched
        .filter((k, f) -> f.kind() == Flow.Kind.ENRICHED, Named.as("enriched-orders"))
        .mapValues(Flow::asEnriched, Named.as("enriched-orders-values"))
        .to(
            topics.enrichedOrders().name(),
            topics.enrichedOrders().produced().withName("enriched-orders-sink"));

    sales(builder, enriched, topics, serdes, flowSerde, settings, counters);
  }

  /**
   * Sales by category from a stream of enriched orders and watermarks: stage 2, the partial
   * aggregation on each partition; stage 3, after the repartition by category, the final windows
   * closed on the minimum watermark. Also the benchmark's sales-only job.
   */
  public static void sales(
      StreamsBuilder builder,
      KStream<String, Flow> enriched,
      Topics topics,
      HopperSerdes serdes,
      FlowSerde flowSerde,
      TopologySettings settings,
      ProcessingCounters counters) {
    StoreBuilders.addSalesStores(builder, serdes, settings);
    enriched
        .process(
            new SalesPartials(settings, counters),
            Named.as(Names.SALES_PARTIALS),
            Names.SALES_PARTIALS_STORE,
            Names.SALES_PARTIALS_WATERMARK_STORE)
        .repartition(
            Repartitioned.<String, Flow>as(Names.SALES_BY_CATEGORY_REPARTITION)
                .withKeySerde(serdes.key())
                .withValueSerde(flowSerde)
                .withStreamPartitioner(new FlowPartitioner()))
        .process(
            new SalesWindows(settings, counters),
            Named.as(Names.SALES_BY_CATEGORY),
            Names.salesStore(settings.salesLabel()),
            Names.SALES_OPEN_WINDOWS_STORE,
            Names.SALES_WATERMARKS_STORE)
        .to(
            topics.salesByCategory().name(),
            topics.salesByCategory().produced().withName(Names.SALES_BY_CATEGORY + "-sink"));
  }

  /** The products table (co-partitioned with orders by product) and the customers global table. */
  static void referenceTables(StreamsBuilder builder, Topics topics, HopperSerdes serdes) {
    builder.table(
        topics.products().name(),
        Consumed.with(topics.products().keySerde(), topics.products().valueSerde())
            .withTimestampExtractor(new ReferenceDataTimestampExtractor())
            .withName("products-source"),
        Materialized.<String, dev.hopper.avro.Product, KeyValueStore<Bytes, byte[]>>as(
                Names.PRODUCTS_STORE)
            .withKeySerde(serdes.key())
            .withValueSerde(serdes.product()));
    builder.globalTable(
        topics.customers().name(),
        Consumed.with(topics.customers().keySerde(), topics.customers().valueSerde())
            .withName("customers-source"),
        Materialized.<String, dev.hopper.avro.Customer, KeyValueStore<Bytes, byte[]>>as(
                Names.CUSTOMERS_STORE)
            .withKeySerde(serdes.key())
            .withValueSerde(serdes.customer()));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Every store name of a topology built with {@code settings}, for queries and tests. */
  public static List<String> storeNames(TopologySettings settings) {
    List<String> names = new ArrayList<>();
    settings.candleIntervals().forEach(i -> names.add(Names.candlesStore(i.label())));
    names.add(Names.salesStore(settings.salesLabel()));
    names.add(Names.CUSTOMER_STATS_STORE);
    names.add(Names.PRODUCTS_STORE);
    names.add(Names.CUSTOMERS_STORE);
    names.add(Names.QUOTE_HISTORY_STORE);
    names.add(Names.LATEST_QUOTES_STORE);
    return names;
  }
}
