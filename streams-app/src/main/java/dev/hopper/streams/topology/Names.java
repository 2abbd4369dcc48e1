package dev.hopper.streams.topology;

/**
 * The names of every stateful operator, state store and repartition topic of the topology. They fix
 * the changelog and repartition topic names ({@code <application.id>-<name>-changelog}), so they
 * must not change once deployed; the REST layer finds its stores by these constants.
 */
public final class Names {
  private Names() {}

  // Validation gates.
  /** Gate of {@code crypto.quotes}. */
  public static final String QUOTES_GATE = "quotes-gate";

  /** Gate of {@code shop.orders}. */
  public static final String ORDERS_GATE = "orders-gate";

  /** Gate of {@code shop.payments}. */
  public static final String PAYMENTS_GATE = "payments-gate";

  // Quotes.
  /** Repartition of valid priced quotes by {@code coinId:vsCurrency}, feeding the candles. */
  public static final String QUOTES_BY_PAIR = "quotes-by-pair";

  /** The latest quote per {@code coinId:vsCurrency}, by event time (key-value store, queried). */
  public static final String LATEST_QUOTES_STORE = "latest-quotes";

  /** The operator that keeps the latest quotes and counts late candle quotes. */
  public static final String LATEST_QUOTES = "latest-quotes";

  /** Prefix of the candle window stores: {@code candles-1m}, {@code candles-5m}, ... */
  public static final String CANDLES_STORE_PREFIX = "candles-";

  /** Price history of the move detector (window store, duplicates kept). */
  public static final String PRICE_MOVES_HISTORY_STORE = "price-moves-history";

  /** Stream time and cooldowns of the move detector. */
  public static final String PRICE_MOVES_STATE_STORE = "price-moves-state";

  /** Quotes waiting for the grace before the move detector evaluates them in event-time order. */
  public static final String PRICE_MOVES_PENDING_STORE = "price-moves-pending";

  /** The move detector. */
  public static final String PRICE_MOVES = "price-moves";

  /** Valuation quotes broadcast to every partition of the enrichment stage. */
  public static final String QUOTES_BROADCAST = "quotes-broadcast";

  // Reference data.
  /** The products table (store of the KTable over {@code shop.products}). */
  public static final String PRODUCTS_STORE = "products";

  /** The customers global table. */
  public static final String CUSTOMERS_STORE = "customers";

  // Orders.
  /** Stream time of each orders partition (stage 1 of the order pipeline). */
  public static final String ORDERS_STREAM_TIME_STORE = "orders-stream-time";

  /** Stage 1: marks late orders and publishes the watermarks of each orders partition. */
  public static final String ORDERS_WATERMARKS = "orders-watermarks";

  /** Repartition of orders by productId, for the product join. */
  public static final String ORDERS_BY_PRODUCT = "orders-by-product";

  /** Quote history for as-of valuation (versioned store). */
  public static final String QUOTE_HISTORY_STORE = "quote-history";

  /** Orders waiting for the quotes of their event time. */
  public static final String HELD_ORDERS_STORE = "enrichment-held-orders";

  /** Watermarks of the orders partitions, as seen by the enrichment stage. */
  public static final String ENRICHMENT_WATERMARKS_STORE = "enrichment-watermarks";

  /** Stage 2: product, customer and quote enrichment. */
  public static final String ENRICHMENT = "enrichment";

  /** Per-partition partial sales aggregates, before the repartition by category. */
  public static final String SALES_PARTIALS_STORE = "sales-partials";

  /** Watermark of the enrichment stage as seen by the partial aggregation. */
  public static final String SALES_PARTIALS_WATERMARK_STORE = "sales-partials-watermark";

  /** The partial aggregation operator. */
  public static final String SALES_PARTIALS = "sales-partials";

  /** Repartition of partial aggregates by category. */
  public static final String SALES_BY_CATEGORY_REPARTITION = "sales-partials-by-category";

  /** Prefix of the queryable sales window store: {@code sales-by-category-1m}. */
  public static final String SALES_STORE_PREFIX = "sales-by-category-";

  /** Windows of the sales store not yet emitted. */
  public static final String SALES_OPEN_WINDOWS_STORE = "sales-open-windows";

  /** Watermarks of the enrichment partitions, as seen by the final sales aggregation. */
  public static final String SALES_WATERMARKS_STORE = "sales-watermarks";

  /** Stage 3: merges partial aggregates and emits each window once. */
  public static final String SALES_BY_CATEGORY = "sales-by-category";

  /** Payment reconciliation operator. */
  public static final String PAYMENT_RECONCILIATION = "payment-reconciliation";

  /** Orders awaiting reconciliation. */
  public static final String PAYMENTS_PENDING_ORDERS_STORE = "payments-pending-orders";

  /** Qualifying payments kept for orders. */
  public static final String PAYMENTS_CANDIDATES_STORE = "payments-candidates";

  /** Order and payment stream times of each partition. */
  public static final String PAYMENTS_STREAM_TIME_STORE = "payments-stream-time";

  /** Repartition of orders by customerId. */
  public static final String ORDERS_BY_CUSTOMER = "orders-by-customer";

  /** Per-customer running statistics (key-value store). */
  public static final String CUSTOMER_STATS_STORE = "customer-stats";

  // Late-drop counters (ProcessingCounters#late).
  /** Orders late for sales by category. */
  public static final String LATE_SALES = SALES_BY_CATEGORY;

  /** Payments late for reconciliation. */
  public static final String LATE_PAYMENTS = PAYMENT_RECONCILIATION;

  /** Quotes late for valuation. */
  public static final String LATE_VALUATION_QUOTES = "valuation-quotes";

  /** Quotes late for price moves. */
  public static final String LATE_PRICE_MOVES = PRICE_MOVES;

  /** The candle store of one interval label. */
  public static String candlesStore(String label) {
    return CANDLES_STORE_PREFIX + label;
  }

  /** The sales store of one interval label. */
  public static String salesStore(String label) {
    return SALES_STORE_PREFIX + label;
  }
}
