package dev.hopper.platform.streams;

import dev.hopper.avro.Candle;
import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.EnrichmentFlag;
import dev.hopper.avro.MoveDirection;
import dev.hopper.avro.Order;
import dev.hopper.avro.OrderPayment;
import dev.hopper.avro.OrderPaymentStatus;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.avro.PaymentStatus;
import dev.hopper.avro.PriceMove;
import dev.hopper.avro.Product;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.topics.HopperTopic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;

/**
 * Every output of the topology recomputed offline from the generated records, in plain Java that
 * shares no code with the topology: SPEC's rules applied to the input as sent (send order per
 * partition, as Kafka keeps it). Windows count as final once their end plus grace is behind the
 * stream time of every partition that feeds them, after the whole input.
 */
final class ExpectedOutputs {
  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final long Y2000 = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX_SKEW = 5 * MINUTE;
  private static final long CANDLE_GRACE = 30 * SECOND;
  private static final long SALES_WINDOW = MINUTE;
  private static final long SALES_GRACE = MINUTE;
  private static final long PAY_WINDOW = 15 * MINUTE;
  private static final long PAY_GRACE = MINUTE;
  private static final long PAY_LAG = 60 * MINUTE;
  private static final long QUOTE_GRACE = 30 * SECOND;
  private static final long MOVE_WINDOW = 5 * MINUTE;
  private static final double MOVE_THRESHOLD = 2.0;
  private static final Map<String, Long> CANDLE_INTERVALS =
      Map.of("1m", MINUTE, "5m", 5 * MINUTE, "1h", 60 * MINUTE);

  final Map<String, Long> rejectedByRule = new TreeMap<>(); // "ORDERS/RULE" -> count
  long rejectedTotal;
  final Map<String, EnrichedOrder> enriched = new LinkedHashMap<>();
  final Map<String, OrderPayment> payments = new LinkedHashMap<>();
  final Map<String, CategorySales> sales = new TreeMap<>();
  final Map<String, Candle> candles = new TreeMap<>();
  final Map<String, PriceMove> moves = new TreeMap<>();
  final Map<String, long[]> customerOrdersAndLastTime = new HashMap<>();
  final Map<String, BigDecimal> customerSpent = new HashMap<>();
  long lateOrders;
  long latePayments;
  long lateQuotesForMoves;
  long candleDrops;
  long missingProduct;
  long missingCustomer;
  long missingQuote;
  long unmatchedPayments;
  long unpaid;

  private final int partitions;

  private ExpectedOutputs(int partitions) {
    this.partitions = partitions;
  }

  private int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  static ExpectedOutputs compute(List<GeneratedRecord> records, int partitions) {
    ExpectedOutputs e = new ExpectedOutputs(partitions);
    e.run(records);
    return e;
  }

  private void reject(String source, String rule) {
    rejectedByRule.merge(source + "/" + rule, 1L, Long::sum);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private List<String> timeRules(long event, long ingestion) {
    return event < Y2000 || event > ingestion + MAX_SKEW
        ? List.of("EVENT_TIME_PLAUSIBLE")
        : List.of();
  }

  private List<String> orderRules(String key, Order o, long ts) {
    List<String> rules = new ArrayList<>();
    if (blank(key)
        || blank(o.getOrderId())
        || blank(o.getCustomerId())
        || blank(o.getProductId())
        || blank(o.getCategory())
        || blank(o.getCurrency())) {
      return List.of("REQUIRED_FIELDS");
    }
    if (!key.equals(o.getOrderId())) {
      rules.add("KEY_MISMATCH");
    }
    boolean priceOk = o.getUnitPrice().compareTo(BigDecimal.ZERO) > 0;
    boolean qtyOk = o.getQuantity() >= 1;
    boolean discountOk =
        o.getDiscountPct().compareTo(BigDecimal.ZERO) >= 0
            && o.getDiscountPct().compareTo(new BigDecimal(100)) <= 0;
    if (!priceOk) {
      rules.add("UNIT_PRICE_POSITIVE");
    }
    if (!qtyOk) {
      rules.add("QUANTITY_AT_LEAST_ONE");
    }
    if (!discountOk) {
      rules.add("DISCOUNT_RANGE");
    }
    if (priceOk && qtyOk && discountOk) {
      BigDecimal expected =
          o.getUnitPrice()
              .multiply(new BigDecimal(o.getQuantity()))
              .multiply(new BigDecimal(100).subtract(o.getDiscountPct()))
              .divide(new BigDecimal(100))
              .setScale(2, RoundingMode.HALF_EVEN);
      if (expected.subtract(o.getFinalPrice()).abs().compareTo(new BigDecimal("0.01")) > 0) {
        rules.add("FINAL_PRICE_CONSISTENT");
      }
    }
    if (o.getPaymentMethod() == PaymentMethod.UNKNOWN) {
      rules.add("KNOWN_ENUMS");
    }
    rules.addAll(timeRules(o.getOrderTime().toEpochMilli(), ts));
    return rules;
  }

  private List<String> paymentRules(String key, Payment p, long ts) {
    List<String> rules = new ArrayList<>();
    if (blank(key) || blank(p.getPaymentId()) || blank(p.getOrderId())) {
      return List.of("REQUIRED_FIELDS");
    }
    if (!key.equals(p.getOrderId())) {
      rules.add("KEY_MISMATCH");
    }
    if (p.getAmount().compareTo(BigDecimal.ZERO) <= 0) {
      rules.add("AMOUNT_POSITIVE");
    }
    if (p.getMethod() == PaymentMethod.UNKNOWN || p.getStatus() == PaymentStatus.UNKNOWN) {
      rules.add("KNOWN_ENUMS");
    }
    rules.addAll(timeRules(p.getPaidAt().toEpochMilli(), ts));
    return rules;
  }

  private List<String> quoteRules(String key, CoinQuote q, long ts) {
    List<String> rules = new ArrayList<>();
    if (blank(key) || blank(q.getCoinId()) || blank(q.getVsCurrency())) {
      return List.of("REQUIRED_FIELDS");
    }
    if (!key.equals(q.getCoinId() + ":" + q.getVsCurrency())) {
      rules.add("KEY_MISMATCH");
    }
    if (q.getPrice() != null && !(q.getPrice() > 0)) {
      rules.add("PRICE_POSITIVE");
    }
    rules.addAll(timeRules(q.getLastUpdated().toEpochMilli(), ts));
    return rules;
  }

  private record Arrived<T>(T value, long seq) {}

  private void run(List<GeneratedRecord> records) {
    Map<String, Product> products = new HashMap<>();
    Map<String, Customer> customers = new HashMap<>();
    List<Arrived<Order>> orders = new ArrayList<>();
    List<Arrived<Payment>> validPayments = new ArrayList<>();
    List<Arrived<CoinQuote>> quotes = new ArrayList<>();
    long seq = 0;
    for (GeneratedRecord r : records) {
      seq++;
      long ts = r.timestamp().toEpochMilli();
      String source =
          r.topic() == HopperTopic.SHOP_ORDERS
              ? "ORDERS"
              : r.topic() == HopperTopic.SHOP_PAYMENTS ? "PAYMENTS" : "QUOTES";
      if (r.topic() == HopperTopic.SHOP_PRODUCTS) {
        products.put(r.key(), r.product());
        continue;
      }
      if (r.topic() == HopperTopic.SHOP_CUSTOMERS) {
        customers.put(r.key(), r.customer());
        continue;
      }
      List<String> rules;
      if (r.isPoisonPill()) {
        rules = List.of("DESERIALIZATION");
      } else if (r.order() != null) {
        rules = orderRules(r.key(), r.order(), ts);
      } else if (r.payment() != null) {
        rules = paymentRules(r.key(), r.payment(), ts);
      } else {
        rules = quoteRules(r.key(), r.quote(), ts);
      }
      if (!rules.isEmpty()) {
        rules.forEach(rule -> reject(source, rule));
        rejectedTotal++;
        continue;
      }
      if (r.order() != null) {
        orders.add(new Arrived<>(r.order(), seq));
      } else if (r.payment() != null) {
        validPayments.add(new Arrived<>(r.payment(), seq));
      } else {
        quotes.add(new Arrived<>(r.quote(), seq));
      }
    }
    Map<String, List<long[]>> valuation = valuationQuotes(quotes); // key -> [time, priceBits]
    Map<String, Boolean> lateForSales = new HashMap<>();
    Map<String, Long> orderStreamTimeAtArrival = new HashMap<>();
    long[] orderStreamTime = new long[partitions];
    java.util.Arrays.fill(orderStreamTime, Long.MIN_VALUE);
    for (Arrived<Order> a : orders) {
      Order o = a.value();
      int p = partitionOf(o.getOrderId());
      long t = o.getOrderTime().toEpochMilli();
      long windowEnd = t - Math.floorMod(t, SALES_WINDOW) + SALES_WINDOW;
      boolean late =
          orderStreamTime[p] != Long.MIN_VALUE && windowEnd + SALES_GRACE <= orderStreamTime[p];
      lateForSales.put(o.getOrderId(), late);
      orderStreamTimeAtArrival.putIfAbsent(o.getOrderId(), orderStreamTime[p]);
      orderStreamTime[p] = Math.max(orderStreamTime[p], t);
      if (late) {
        lateOrders++;
      }
      EnrichedOrder eo = enrich(o, products, customers, valuation);
      enriched.put(o.getOrderId(), eo);
      customerOrdersAndLastTime.merge(
          o.getCustomerId(),
          new long[] {1, t},
          (x, y) -> new long[] {x[0] + y[0], Math.max(x[1], y[1])});
      customerSpent.merge(o.getCustomerId(), o.getFinalPrice(), BigDecimal::add);
    }
    sales(orders, lateForSales, orderStreamTime);
    payments(orders, validPayments, orderStreamTimeAtArrival, orderStreamTime);
    candlesAndMoves(quotes);
  }

  /** Valid bitcoin quotes per pair, minus those late against the newest of their pair. */
  private Map<String, List<long[]>> valuationQuotes(List<Arrived<CoinQuote>> quotes) {
    Map<String, List<long[]>> out = new HashMap<>();
    Map<String, Long> newest = new HashMap<>();
    for (Arrived<CoinQuote> a : quotes) {
      CoinQuote q = a.value();
      if (!q.getCoinId().equals("bitcoin") || q.getPrice() == null) {
        continue;
      }
      String key = q.getCoinId() + ":" + q.getVsCurrency();
      long t = q.getLastUpdated().toEpochMilli();
      Long n = newest.get(key);
      if (n != null && t < n - QUOTE_GRACE) {
        continue;
      }
      newest.put(key, n == null ? t : Math.max(n, t));
      out.computeIfAbsent(key, k -> new ArrayList<>())
          .add(new long[] {t, Double.doubleToLongBits(q.getPrice())});
    }
    return out;
  }

  /** The newest quote of {@code key} at or before {@code t} (a later duplicate time wins). */
  private static long[] asOf(Map<String, List<long[]>> valuation, String key, long t) {
    long[] best = null;
    for (long[] q : valuation.getOrDefault(key, List.of())) {
      if (q[0] <= t && (best == null || q[0] >= best[0])) {
        best = q;
      }
    }
    return best;
  }

  private EnrichedOrder enrich(
      Order o,
      Map<String, Product> products,
      Map<String, Customer> customers,
      Map<String, List<long[]>> valuation) {
    List<EnrichmentFlag> flags = new ArrayList<>();
    EnrichedOrder.Builder b =
        EnrichedOrder.newBuilder()
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
    Product product = products.get(o.getProductId());
    if (product == null) {
      flags.add(EnrichmentFlag.PRODUCT_MISSING);
      missingProduct++;
    } else {
      b.setProductName(product.getName()).setProductBrand(product.getBrand());
    }
    Customer c = customers.get(o.getCustomerId());
    if (c == null) {
      flags.add(EnrichmentFlag.CUSTOMER_MISSING);
      missingCustomer++;
    } else {
      b.setCustomerCity(c.getCity())
          .setCustomerCountry(c.getCountry())
          .setCustomerSegment(c.getSegment());
    }
    long t = o.getOrderTime().toEpochMilli();
    long[] usd = asOf(valuation, "bitcoin:usd", t);
    long[] local = asOf(valuation, "bitcoin:" + o.getCurrency().toLowerCase(Locale.ROOT), t);
    if (local != null) {
      BigDecimal localPrice = BigDecimal.valueOf(Double.longBitsToDouble(local[1]));
      b.setFinalPriceBtc(
              o.getFinalPrice()
                  .divide(localPrice, MathContext.DECIMAL128)
                  .setScale(8, RoundingMode.HALF_EVEN))
          .setQuoteTime(Instant.ofEpochMilli(local[0]));
    }
    if (usd != null) {
      b.setUsdQuoteTime(Instant.ofEpochMilli(usd[0]));
    }
    if (usd != null && local != null) {
      BigDecimal usdPrice = BigDecimal.valueOf(Double.longBitsToDouble(usd[1]));
      BigDecimal localPrice = BigDecimal.valueOf(Double.longBitsToDouble(local[1]));
      b.setFinalPriceUsd(
          o.getFinalPrice()
              .multiply(usdPrice)
              .divide(localPrice, MathContext.DECIMAL128)
              .setScale(2, RoundingMode.HALF_EVEN));
    } else {
      flags.add(EnrichmentFlag.QUOTE_MISSING);
      missingQuote++;
    }
    return b.setFlags(flags).build();
  }

  private void sales(
      List<Arrived<Order>> orders, Map<String, Boolean> lateForSales, long[] streamTime) {
    long watermark = Long.MAX_VALUE;
    for (long st : streamTime) {
      watermark = Math.min(watermark, st);
    }
    Map<String, CategorySales.Builder> windows = new TreeMap<>();
    for (Arrived<Order> a : orders) {
      Order o = a.value();
      if (lateForSales.get(o.getOrderId())) {
        continue;
      }
      long t = o.getOrderTime().toEpochMilli();
      long start = t - Math.floorMod(t, SALES_WINDOW);
      if (start + SALES_WINDOW + SALES_GRACE > watermark) {
        continue; // never final
      }
      String key = o.getCategory() + ":1m:" + start;
      CategorySales.Builder w =
          windows.computeIfAbsent(
              key,
              k ->
                  CategorySales.newBuilder()
                      .setCategory(o.getCategory())
                      .setInterval("1m")
                      .setWindowStart(Instant.ofEpochMilli(start))
                      .setWindowEnd(Instant.ofEpochMilli(start + SALES_WINDOW))
                      .setOrders(0)
                      .setUnits(0)
                      .setGrossRevenue(new BigDecimal("0.00"))
                      .setNetRevenue(new BigDecimal("0.00"))
                      .setDiscountTotal(new BigDecimal("0.00"))
                      .setRevenueUsd(new BigDecimal("0.00"))
                      .setUnvaluedOrders(0)
                      .setOrdersByPaymentMethod(new HashMap<>()));
      BigDecimal gross =
          o.getUnitPrice()
              .multiply(new BigDecimal(o.getQuantity()))
              .setScale(2, RoundingMode.HALF_EVEN);
      BigDecimal usd = enriched.get(o.getOrderId()).getFinalPriceUsd();
      w.setOrders(w.getOrders() + 1)
          .setUnits(w.getUnits() + o.getQuantity())
          .setGrossRevenue(w.getGrossRevenue().add(gross))
          .setNetRevenue(w.getNetRevenue().add(o.getFinalPrice()))
          .setDiscountTotal(w.getDiscountTotal().add(gross.subtract(o.getFinalPrice())))
          .setRevenueUsd(usd == null ? w.getRevenueUsd() : w.getRevenueUsd().add(usd))
          .setUnvaluedOrders(w.getUnvaluedOrders() + (usd == null ? 1 : 0));
      w.getOrdersByPaymentMethod().merge(o.getPaymentMethod().name(), 1L, Long::sum);
    }
    windows.forEach((k, w) -> sales.put(k, w.build()));
  }

  private void payments(
      List<Arrived<Order>> orders,
      List<Arrived<Payment>> valid,
      Map<String, Long> orderTimeAtArrival,
      long[] orderStreamTime) {
    long[] paymentTime = new long[partitions];
    java.util.Arrays.fill(paymentTime, Long.MIN_VALUE);
    Map<String, List<Payment>> candidates = new HashMap<>();
    Set<String> orderIds = new HashSet<>();
    orders.forEach(a -> orderIds.add(a.value().getOrderId()));
    for (Arrived<Payment> a : valid) {
      Payment p = a.value();
      int part = partitionOf(p.getOrderId());
      long paidAt = p.getPaidAt().toEpochMilli();
      if (paymentTime[part] != Long.MIN_VALUE && paidAt + PAY_GRACE < paymentTime[part]) {
        latePayments++;
        continue;
      }
      paymentTime[part] = Math.max(paymentTime[part], paidAt);
      if (!orderIds.contains(p.getOrderId())) {
        unmatchedPayments++;
      }
      if (p.getStatus() == PaymentStatus.AUTHORIZED || p.getStatus() == PaymentStatus.CAPTURED) {
        candidates.computeIfAbsent(p.getOrderId(), k -> new ArrayList<>()).add(p);
      }
    }
    Set<String> seen = new HashSet<>();
    for (Arrived<Order> a : orders) {
      Order o = a.value();
      if (!seen.add(o.getOrderId())) {
        continue;
      }
      int part = partitionOf(o.getOrderId());
      long t = o.getOrderTime().toEpochMilli();
      long arrivedAt = orderTimeAtArrival.get(o.getOrderId());
      Payment best =
          candidates.getOrDefault(o.getOrderId(), List.of()).stream()
              .filter(
                  p -> {
                    long paidAt = p.getPaidAt().toEpochMilli();
                    return paidAt >= t
                        && paidAt <= t + PAY_WINDOW
                        && (arrivedAt == Long.MIN_VALUE || paidAt + PAY_GRACE >= arrivedAt);
                  })
              .min(
                  Comparator.comparing((Payment p) -> p.getPaidAt())
                      .thenComparing(Payment::getPaymentId))
              .orElse(null);
      long closing =
          Math.max(
              paymentTime[part],
              orderStreamTime[part] == Long.MIN_VALUE
                  ? Long.MIN_VALUE
                  : orderStreamTime[part] - PAY_LAG);
      OrderPayment.Builder b =
          OrderPayment.newBuilder().setOrderId(o.getOrderId()).setOrderTime(o.getOrderTime());
      if (best != null && closing > best.getPaidAt().toEpochMilli() + PAY_GRACE) {
        payments.put(
            o.getOrderId(),
            b.setStatus(OrderPaymentStatus.PAID)
                .setPaymentId(best.getPaymentId())
                .setMethod(best.getMethod())
                .setAmount(best.getAmount())
                .setPaidAt(best.getPaidAt())
                .setPaymentLatencyMs(best.getPaidAt().toEpochMilli() - t)
                .build());
      } else if (best == null && closing > t + PAY_WINDOW + PAY_GRACE) {
        payments.put(o.getOrderId(), b.setStatus(OrderPaymentStatus.UNPAID).build());
        unpaid++;
      }
    }
  }

  private record Tick(String pair, long time, double price, CoinQuote quote, long seq) {}

  private void candlesAndMoves(List<Arrived<CoinQuote>> quotes) {
    long[] streamTime = new long[partitions];
    java.util.Arrays.fill(streamTime, Long.MIN_VALUE);
    // candle state: interval|pair|start -> ticks in arrival order
    Map<String, List<Tick>> windows = new LinkedHashMap<>();
    Map<String, List<Tick>> accepted = new HashMap<>(); // pair -> ticks not late for moves
    for (Arrived<CoinQuote> a : quotes) {
      CoinQuote q = a.value();
      if (q.getPrice() == null) {
        continue;
      }
      String pair = q.getCoinId() + ":" + q.getVsCurrency();
      int part = partitionOf(pair);
      long t = q.getLastUpdated().toEpochMilli();
      long before = streamTime[part];
      streamTime[part] = Math.max(streamTime[part], t);
      Tick tick = new Tick(pair, t, q.getPrice(), q, a.seq());
      for (Map.Entry<String, Long> interval : CANDLE_INTERVALS.entrySet()) {
        long size = interval.getValue();
        long start = t - Math.floorMod(t, size);
        if (start + size + CANDLE_GRACE <= streamTime[part]) {
          candleDrops++;
          continue;
        }
        windows
            .computeIfAbsent(interval.getKey() + "|" + pair + "|" + start, k -> new ArrayList<>())
            .add(tick);
      }
      if (before != Long.MIN_VALUE && t + CANDLE_GRACE < before) {
        lateQuotesForMoves++;
      } else {
        accepted.computeIfAbsent(pair, k -> new ArrayList<>()).add(tick);
      }
    }
    windows.forEach(
        (k, ticks) -> {
          String[] parts = k.split("\\|");
          String label = parts[0];
          String pair = parts[1];
          long start = Long.parseLong(parts[2]);
          long size = CANDLE_INTERVALS.get(label);
          if (start + size + CANDLE_GRACE > streamTime[partitionOf(pair)]) {
            return; // never final
          }
          Tick open = ticks.get(0);
          Tick close = ticks.get(0);
          double high = -Double.MAX_VALUE;
          double low = Double.MAX_VALUE;
          for (Tick x : ticks) {
            if (x.time() < open.time()) {
              open = x;
            }
            if (x.time() >= close.time()) {
              close = x;
            }
            high = Math.max(high, x.price());
            low = Math.min(low, x.price());
          }
          String[] coin = pair.split(":");
          candles.put(
              pair + ":" + label + ":" + start,
              Candle.newBuilder()
                  .setCoinId(coin[0])
                  .setVsCurrency(coin[1])
                  .setInterval(label)
                  .setWindowStart(Instant.ofEpochMilli(start))
                  .setWindowEnd(Instant.ofEpochMilli(start + size))
                  .setOpen(open.price())
                  .setHigh(high)
                  .setLow(low)
                  .setClose(close.price())
                  .setQuoteCount(ticks.size())
                  .setLastMarketCap(close.quote().getMarketCap())
                  .setLastVolume24h(close.quote().getTotalVolume())
                  .build());
        });
    accepted.forEach(
        (pair, ticks) -> {
          long settled = streamTime[partitionOf(pair)] - CANDLE_GRACE;
          List<Tick> ordered =
              ticks.stream()
                  .filter(x -> x.time() <= settled)
                  .sorted(Comparator.comparingLong(Tick::time).thenComparingLong(Tick::seq))
                  .toList();
          Map<MoveDirection, Long> lastMove = new HashMap<>();
          for (int i = 0; i < ordered.size(); i++) {
            Tick x = ordered.get(i);
            Tick lowTick = null;
            Tick highTick = null;
            for (int j = 0; j < i; j++) {
              Tick y = ordered.get(j);
              if (y.time() >= x.time() - MOVE_WINDOW && y.time() < x.time()) {
                if (lowTick == null || y.price() < lowTick.price()) {
                  lowTick = y;
                }
                if (highTick == null || y.price() > highTick.price()) {
                  highTick = y;
                }
              }
            }
            if (lowTick == null) {
              continue;
            }
            double up = (x.price() - lowTick.price()) / lowTick.price() * 100.0;
            if (up >= MOVE_THRESHOLD - 1e-9) {
              move(pair, x, MoveDirection.UP, lowTick, up, lastMove);
            }
            double down = (x.price() - highTick.price()) / highTick.price() * 100.0;
            if (down <= -MOVE_THRESHOLD + 1e-9) {
              move(pair, x, MoveDirection.DOWN, highTick, down, lastMove);
            }
          }
        });
  }

  private void move(
      String pair,
      Tick x,
      MoveDirection direction,
      Tick from,
      double change,
      Map<MoveDirection, Long> lastMove) {
    Long last = lastMove.get(direction);
    if (last != null && x.time() - last < MOVE_WINDOW) {
      return;
    }
    lastMove.put(direction, x.time());
    moves.put(
        pair + ":" + direction + ":" + x.time(),
        PriceMove.newBuilder()
            .setCoinId(x.quote().getCoinId())
            .setVsCurrency(x.quote().getVsCurrency())
            .setDirection(direction)
            .setFromPrice(from.price())
            .setToPrice(x.price())
            .setChangePct(change)
            .setFromTime(Instant.ofEpochMilli(from.time()))
            .setTriggerTime(Instant.ofEpochMilli(x.time()))
            .build());
  }
}
