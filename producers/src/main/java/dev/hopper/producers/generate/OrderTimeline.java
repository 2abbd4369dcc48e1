package dev.hopper.producers.generate;

import dev.hopper.avro.Customer;
import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.avro.PaymentStatus;
import dev.hopper.avro.Product;
import dev.hopper.topics.HopperTopic;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.common.utils.Utils;

/**
 * Orders and their payments, lazily, in send order. Memory stays bounded for endless runs: only
 * records not yet due (payments up to 45 minutes ahead, late records) are held.
 */
final class OrderTimeline implements Iterator<Pending> {

  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final long DAY = 24 * 60 * MINUTE;
  private static final long WINDOW = 15 * MINUTE;
  private static final BigDecimal HUNDRED = new BigDecimal(100);
  private static final long Y2000 = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

  /** Discount steps 0..50 % in 5 % steps, and their weights (no discount is the most common). */
  private static final int[] DISCOUNT_WEIGHTS = {30, 12, 12, 10, 9, 8, 6, 5, 4, 2, 2};

  private static final PaymentMethod[] METHODS = {
    PaymentMethod.UPI,
    PaymentMethod.CREDIT_CARD,
    PaymentMethod.DEBIT_CARD,
    PaymentMethod.NET_BANKING,
    PaymentMethod.CASH_ON_DELIVERY
  };
  private static final int[] METHOD_WEIGHTS = {34, 22, 17, 11, 16};

  private static final List<BadKind> BAD_ORDERS = BadKind.forTopic(HopperTopic.SHOP_ORDERS);
  private static final List<BadKind> BAD_PAYMENTS = BadKind.forTopic(HopperTopic.SHOP_PAYMENTS);

  /** Share of orders naming an unknown product, and an unknown customer. */
  static final double UNKNOWN_PRODUCT_RATIO = 0.01;

  static final double UNKNOWN_CUSTOMER_RATIO = 0.01;

  /** Share of orders followed by a payment for an order id that never exists. */
  static final double ORPHAN_PAYMENT_RATIO = 0.01;

  private final GeneratorConfig config;
  private final Catalog catalog;
  private final SplittableRandom random;
  private final String idTag;
  private final long firstQuoteMs;
  private final long floorMs;
  private final long intervalMs;
  private final long disorderMs;
  private final long latenessMs;
  private final PriorityQueue<Pending> waiting = new PriorityQueue<>(Pending.SEND_ORDER);
  private final ArrayDeque<Pending> ready = new ArrayDeque<>();
  private long slot;
  private long creation;
  private long orderCounter;
  private long paymentCounter;
  private int badOrders;
  private int badPayments;
  private int poisonPills;
  private boolean done;

  OrderTimeline(
      GeneratorConfig config,
      Catalog catalog,
      SplittableRandom random,
      String idTag,
      Instant firstQuote) {
    this.config = config;
    this.catalog = catalog;
    this.random = random;
    this.idTag = idTag;
    this.firstQuoteMs = firstQuote == null ? Long.MIN_VALUE : firstQuote.toEpochMilli();
    // A fixture keeps every event time at or after the start (after the products, customers and
    // first quotes); a live run may send late records from its first second.
    this.floorMs = config.trailers() ? config.start().toEpochMilli() : Long.MIN_VALUE / 2;
    this.intervalMs = config.orderInterval().toMillis();
    this.disorderMs = config.orderDisorder().toMillis();
    this.latenessMs = config.orderLateness().toMillis();
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !done) {
      step();
    }
    return !ready.isEmpty();
  }

  @Override
  public Pending next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void step() {
    if (slot < config.orders()) {
      long base = config.slotStart(slot).toEpochMilli() + random.nextLong(intervalMs);
      slot++;
      generateSlot(base);
      // Everything made from now on is sent at or after the next slot's base, which is later.
      while (!waiting.isEmpty() && waiting.peek().sendMs() <= base) {
        ready.add(waiting.poll());
      }
      return;
    }
    while (!waiting.isEmpty()) {
      ready.add(waiting.poll());
    }
    if (config.trailers()) {
      trailers();
    }
    done = true;
  }

  private void generateSlot(long base) {
    String orderId = nextOrderId();
    double roll = random.nextDouble();
    double bad = config.badRatio();
    double late = config.lateRatio();
    double disorder = config.disorderRatio();
    if (roll < bad) {
      badOrder(orderId, base);
    } else if (roll < bad + late && base - latenessMs >= floorMs) {
      Order order = order(orderId, base - latenessMs);
      push(HopperTopic.SHOP_ORDERS, orderId, order, base, RecordLabel.LATE, null, tagsOf(order));
    } else if (roll < bad + late + disorder && base - disorderMs >= floorMs) {
      long d = 1 + random.nextLong(disorderMs);
      Order order = order(orderId, base - d);
      Set<Tag> tags = tagsOf(order);
      Tag scenario = payments(order, base, tags);
      tags.add(scenario);
      push(HopperTopic.SHOP_ORDERS, orderId, order, base, RecordLabel.DISORDERED, null, tags);
    } else {
      Order order = order(orderId, base);
      Set<Tag> tags = tagsOf(order);
      Tag scenario = payments(order, base, tags);
      tags.add(scenario);
      push(HopperTopic.SHOP_ORDERS, orderId, order, base, RecordLabel.ON_TIME, null, tags);
    }
    if (random.nextDouble() < ORPHAN_PAYMENT_RATIO) {
      String orphanOrder = "ord-" + idTag + "-orphan-" + String.format("%09d", orderCounter);
      long paidAt = base + SECOND + random.nextLong(5 * MINUTE);
      Payment p =
          payment(
              orphanOrder,
              METHODS[weighted(METHOD_WEIGHTS)],
              amount(),
              PaymentStatus.CAPTURED,
              paidAt);
      push(
          HopperTopic.SHOP_PAYMENTS,
          orphanOrder,
          p,
          paidAt,
          RecordLabel.ON_TIME,
          null,
          EnumSet.of(Tag.ORPHAN_PAYMENT));
    }
  }

  private String nextOrderId() {
    return "ord-" + idTag + "-" + String.format("%09d", orderCounter++);
  }

  private String nextPaymentId() {
    return "pay-" + idTag + "-" + String.format("%09d", paymentCounter++);
  }

  /** A valid order placed at {@code orderTimeMs}. */
  private Order order(String orderId, long orderTimeMs) {
    Product product = catalog.pickProduct(random);
    String productId = product.getProductId();
    if (random.nextDouble() < UNKNOWN_PRODUCT_RATIO) {
      productId = "x" + Catalog.hex(random, 7) + "-" + Catalog.hex(random, 1);
    }
    Customer customer = catalog.pickCustomer(random);
    String customerId = customer.getCustomerId();
    if (random.nextDouble() < UNKNOWN_CUSTOMER_RATIO) {
      customerId = "x" + Catalog.hex(random, 7);
    }
    int q = random.nextInt(100);
    int quantity = q < 72 ? 1 : q < 89 ? 2 : q < 95 ? 3 : q < 98 ? 4 : 5;
    BigDecimal discount = new BigDecimal(5 * weighted(DISCOUNT_WEIGHTS)).setScale(2);
    BigDecimal unitPrice = product.getListPrice();
    return Order.newBuilder()
        .setOrderId(orderId)
        .setCustomerId(customerId)
        .setProductId(productId)
        .setCategory(product.getCategory())
        .setQuantity(quantity)
        .setUnitPrice(unitPrice)
        .setDiscountPct(discount)
        .setFinalPrice(finalPrice(quantity, unitPrice, discount))
        .setCurrency("INR")
        .setPaymentMethod(METHODS[weighted(METHOD_WEIGHTS)])
        .setOrderTime(Instant.ofEpochMilli(orderTimeMs))
        .build();
  }

  /** SPEC's formula: round(quantity x unitPrice x (1 - discountPct/100), 2), HALF_EVEN. */
  static BigDecimal finalPrice(int quantity, BigDecimal unitPrice, BigDecimal discountPct) {
    return unitPrice
        .multiply(BigDecimal.valueOf(quantity))
        .multiply(HUNDRED.subtract(discountPct))
        .divide(HUNDRED)
        .setScale(2, RoundingMode.HALF_EVEN);
  }

  private Set<Tag> tagsOf(Order order) {
    Set<Tag> tags = EnumSet.noneOf(Tag.class);
    if (!catalog.hasProduct(order.getProductId())) {
      tags.add(Tag.UNKNOWN_PRODUCT);
    }
    if (!catalog.hasCustomer(order.getCustomerId())) {
      tags.add(Tag.UNKNOWN_CUSTOMER);
    }
    if (config.includeQuotes() && order.getOrderTime().toEpochMilli() < firstQuoteMs) {
      tags.add(Tag.BEFORE_FIRST_QUOTE);
    }
    return tags;
  }

  /** Schedules the payments of a valid order placed at {@code base}; returns the scenario. */
  private Tag payments(Order order, long base, Set<Tag> orderTags) {
    long t = order.getOrderTime().toEpochMilli();
    String id = order.getOrderId();
    if (random.nextDouble() < config.badRatio()) {
      badPayment(order, base);
    }
    if (random.nextDouble() < config.lateRatio()) {
      long paidAt = t + SECOND + random.nextLong(10 * MINUTE);
      Payment p =
          payment(
              id, order.getPaymentMethod(), order.getFinalPrice(), PaymentStatus.CAPTURED, paidAt);
      Set<Tag> tags = EnumSet.copyOf(orderTags);
      tags.add(Tag.UNPAID_PAYMENT_LATE);
      push(HopperTopic.SHOP_PAYMENTS, id, p, paidAt + latenessMs, RecordLabel.LATE, null, tags);
      return Tag.UNPAID_PAYMENT_LATE;
    }
    double s = random.nextDouble() * 100;
    Tag scenario;
    if (s < 76) {
      scenario = Tag.PAID;
      PaymentStatus status =
          random.nextInt(10) < 3 ? PaymentStatus.AUTHORIZED : PaymentStatus.CAPTURED;
      pay(order, status, t + paidDelay(), base, orderTags, scenario);
    } else if (s < 82) {
      scenario = Tag.PAID_AFTER_FAILURE;
      long failedAt = t + SECOND + random.nextLong(5 * MINUTE);
      pay(order, PaymentStatus.FAILED, failedAt, base, orderTags, scenario);
      pay(
          order,
          PaymentStatus.CAPTURED,
          failedAt + 5 * SECOND + random.nextLong(5 * MINUTE),
          base,
          orderTags,
          scenario);
    } else if (s < 84) {
      scenario = Tag.PAID_TWICE;
      long first = t + SECOND + random.nextLong(5 * MINUTE);
      pay(order, PaymentStatus.AUTHORIZED, first, base, orderTags, scenario);
      pay(
          order,
          PaymentStatus.CAPTURED,
          first + SECOND + random.nextLong(5 * MINUTE),
          base,
          orderTags,
          scenario);
    } else if (s < 85) {
      scenario = Tag.PAID_TIE;
      long at = t + SECOND + random.nextLong(10 * MINUTE);
      String low = nextPaymentId();
      String high = nextPaymentId();
      // The higher id is sent first: only the tie-break rule, not arrival order, picks the lower.
      long send = Math.max(at, base);
      payWithId(order, high, PaymentStatus.CAPTURED, at, send, base, orderTags, scenario);
      payWithId(order, low, PaymentStatus.CAPTURED, at, send, base, orderTags, scenario);
    } else if (s < 85.5) {
      scenario = Tag.PAID_AT_WINDOW_START;
      pay(order, PaymentStatus.CAPTURED, t, base, orderTags, scenario);
    } else if (s < 86) {
      scenario = Tag.PAID_AT_WINDOW_END;
      pay(order, PaymentStatus.CAPTURED, t + WINDOW, base, orderTags, scenario);
    } else if (s < 92) {
      scenario = Tag.UNPAID_NO_PAYMENT;
    } else if (s < 96) {
      scenario = Tag.UNPAID_FAILED;
      long at = t + SECOND + random.nextLong(5 * MINUTE);
      pay(order, PaymentStatus.FAILED, at, base, orderTags, scenario);
      if (random.nextBoolean()) {
        pay(
            order,
            PaymentStatus.FAILED,
            at + SECOND + random.nextLong(5 * MINUTE),
            base,
            orderTags,
            scenario);
      }
    } else if (s < 97) {
      scenario = Tag.UNPAID_REFUNDED;
      pay(
          order,
          PaymentStatus.REFUNDED,
          t + SECOND + random.nextLong(10 * MINUTE),
          base,
          orderTags,
          scenario);
    } else {
      scenario = Tag.UNPAID_PAID_AFTER_WINDOW;
      pay(
          order,
          PaymentStatus.CAPTURED,
          t + WINDOW + SECOND + random.nextLong(30 * MINUTE),
          base,
          orderTags,
          scenario);
    }
    return scenario;
  }

  /** Most payments within a few minutes, some close to the end of the 15-minute window. */
  private long paidDelay() {
    int bucket = random.nextInt(10);
    if (bucket < 6) {
      return SECOND + random.nextLong(3 * MINUTE);
    }
    if (bucket < 9) {
      return 3 * MINUTE + random.nextLong(7 * MINUTE);
    }
    return 10 * MINUTE + random.nextLong(5 * MINUTE - SECOND);
  }

  private void pay(
      Order order, PaymentStatus status, long paidAt, long base, Set<Tag> orderTags, Tag scenario) {
    long send = paidAt;
    if (random.nextDouble() < config.disorderRatio()) {
      send = paidAt + 1 + random.nextLong(disorderMs);
    }
    payWithId(order, nextPaymentId(), status, paidAt, send, base, orderTags, scenario);
  }

  private void payWithId(
      Order order,
      String paymentId,
      PaymentStatus status,
      long paidAt,
      long plannedSend,
      long base,
      Set<Tag> orderTags,
      Tag scenario) {
    Payment p =
        Payment.newBuilder()
            .setPaymentId(paymentId)
            .setOrderId(order.getOrderId())
            .setMethod(order.getPaymentMethod())
            .setAmount(order.getFinalPrice())
            .setStatus(status)
            .setPaidAt(Instant.ofEpochMilli(paidAt))
            .build();
    long send = plannedSend;
    // A payment of a disordered order may fall before records already sent: it is then disordered
    // too, by less than orderDisorder.
    send = Math.max(send, base);
    Set<Tag> tags = EnumSet.copyOf(orderTags);
    tags.add(scenario);
    push(
        HopperTopic.SHOP_PAYMENTS,
        order.getOrderId(),
        p,
        send,
        send > paidAt ? RecordLabel.DISORDERED : RecordLabel.ON_TIME,
        null,
        tags);
  }

  private Payment payment(
      String orderId, PaymentMethod method, BigDecimal amount, PaymentStatus status, long paidAt) {
    return Payment.newBuilder()
        .setPaymentId(nextPaymentId())
        .setOrderId(orderId)
        .setMethod(method)
        .setAmount(amount)
        .setStatus(status)
        .setPaidAt(Instant.ofEpochMilli(paidAt))
        .build();
  }

  private BigDecimal amount() {
    return BigDecimal.valueOf(100 + random.nextInt(20_000)).setScale(2);
  }

  private void badOrder(String orderId, long base) {
    BadKind kind = BAD_ORDERS.get(badOrders++ % BAD_ORDERS.size());
    if (kind.isPoisonPill()) {
      pushRaw(
          HopperTopic.SHOP_ORDERS, orderId, PoisonPills.make(poisonPills++, random), base, kind);
      return;
    }
    Order valid = order(orderId, base);
    Order.Builder b = Order.newBuilder(valid);
    int variant = random.nextInt(3);
    switch (kind) {
      case ORDER_MISSING_FIELD -> {
        if (variant == 0) {
          b.setCustomerId("");
        } else if (variant == 1) {
          b.setProductId(" ");
        } else {
          b.setCategory("");
        }
      }
      case ORDER_UNIT_PRICE_NOT_POSITIVE -> {
        BigDecimal price =
            variant == 0 ? BigDecimal.ZERO.setScale(2) : valid.getUnitPrice().negate();
        b.setUnitPrice(price)
            .setFinalPrice(finalPrice(valid.getQuantity(), price, valid.getDiscountPct()));
      }
      case ORDER_QUANTITY_BELOW_ONE -> {
        int quantity = variant == 0 ? 0 : -1;
        b.setQuantity(quantity)
            .setFinalPrice(finalPrice(quantity, valid.getUnitPrice(), valid.getDiscountPct()));
      }
      case ORDER_DISCOUNT_OUT_OF_RANGE -> {
        BigDecimal discount =
            new BigDecimal(variant == 0 ? "-5.00" : variant == 1 ? "105.00" : "150.00");
        b.setDiscountPct(discount)
            .setFinalPrice(finalPrice(valid.getQuantity(), valid.getUnitPrice(), discount));
      }
      case ORDER_FINAL_PRICE_MISMATCH -> {
        BigDecimal delta = BigDecimal.valueOf(2 + random.nextInt(5000), 2);
        b.setFinalPrice(
            variant == 0
                ? valid.getFinalPrice().add(delta)
                : valid.getFinalPrice().subtract(delta));
      }
      case ORDER_TIME_TOO_OLD -> b.setOrderTime(Instant.ofEpochMilli(tooOld()));
      case ORDER_TIME_IN_FUTURE -> b.setOrderTime(Instant.ofEpochMilli(inFuture(base)));
      case ORDER_UNKNOWN_PAYMENT_METHOD -> b.setPaymentMethod(PaymentMethod.UNKNOWN);
      default -> throw new IllegalStateException("not an order kind: " + kind);
    }
    push(HopperTopic.SHOP_ORDERS, orderId, b.build(), base, RecordLabel.BAD, kind, Set.of());
  }

  private void badPayment(Order order, long base) {
    BadKind kind = BAD_PAYMENTS.get(badPayments++ % BAD_PAYMENTS.size());
    long send = base + SECOND + random.nextLong(2 * MINUTE);
    String id = order.getOrderId();
    if (kind.isPoisonPill()) {
      pushRaw(HopperTopic.SHOP_PAYMENTS, id, PoisonPills.make(poisonPills++, random), send, kind);
      return;
    }
    Payment.Builder b =
        Payment.newBuilder(
            payment(
                id, order.getPaymentMethod(), order.getFinalPrice(), PaymentStatus.CAPTURED, send));
    switch (kind) {
      case PAYMENT_AMOUNT_NOT_POSITIVE ->
          b.setAmount(
              random.nextBoolean() ? BigDecimal.ZERO.setScale(2) : order.getFinalPrice().negate());
      case PAYMENT_UNKNOWN_STATUS -> b.setStatus(PaymentStatus.UNKNOWN);
      case PAYMENT_UNKNOWN_METHOD -> b.setMethod(PaymentMethod.UNKNOWN);
      case PAYMENT_TIME_TOO_OLD -> b.setPaidAt(Instant.ofEpochMilli(tooOld()));
      case PAYMENT_TIME_IN_FUTURE -> b.setPaidAt(Instant.ofEpochMilli(inFuture(send)));
      default -> throw new IllegalStateException("not a payment kind: " + kind);
    }
    push(HopperTopic.SHOP_PAYMENTS, id, b.build(), send, RecordLabel.BAD, kind, Set.of());
  }

  /** Some time between 1970 and the last day of 1999. */
  private long tooOld() {
    return random.nextLong(Y2000 - DAY);
  }

  /** Ten minutes to thirty days after the record's timestamp: beyond the 5-minute tolerance. */
  private long inFuture(long timestamp) {
    return timestamp + 10 * MINUTE + random.nextLong(30 * DAY);
  }

  private int weighted(int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int pick = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /**
   * For every partition and every category, one valid order (with a CAPTURED payment a second
   * later) far after everything else: stream time passes every window on every partition, also
   * after a repartition by category.
   */
  private void trailers() {
    long t = config.trailerTime().toEpochMilli();
    Customer customer = catalog.customers().get(0);
    List<Pending> trailerPayments = new ArrayList<>();
    for (int p = 0; p < config.partitions(); p++) {
      for (String category : Catalog.CATEGORIES) {
        Product product = catalog.firstOf(category);
        if (product == null) {
          continue;
        }
        String key =
            keyForPartition(
                "ord-" + idTag + "-trailer-" + p + "-" + Catalog.CATEGORIES.indexOf(category), p);
        Order order =
            Order.newBuilder()
                .setOrderId(key)
                .setCustomerId(customer.getCustomerId())
                .setProductId(product.getProductId())
                .setCategory(category)
                .setQuantity(1)
                .setUnitPrice(product.getListPrice())
                .setDiscountPct(BigDecimal.ZERO.setScale(2))
                .setFinalPrice(product.getListPrice())
                .setCurrency("INR")
                .setPaymentMethod(PaymentMethod.UPI)
                .setOrderTime(Instant.ofEpochMilli(t))
                .build();
        ready.add(
            pending(
                HopperTopic.SHOP_ORDERS, key, order, null, t, RecordLabel.TRAILER, null, Set.of()));
        Payment payment =
            payment(
                key, PaymentMethod.UPI, product.getListPrice(), PaymentStatus.CAPTURED, t + SECOND);
        trailerPayments.add(
            pending(
                HopperTopic.SHOP_PAYMENTS,
                key,
                payment,
                null,
                t + SECOND,
                RecordLabel.TRAILER,
                null,
                Set.of()));
      }
    }
    ready.addAll(trailerPayments);
  }

  /** {@code prefix-N} with the first N whose key Kafka's default partitioner puts on {@code p}. */
  static String keyForPartition(String prefix, int partition, int partitions) {
    for (int n = 0; ; n++) {
      String key = prefix + "-" + n;
      if (partitionOf(key, partitions) == partition) {
        return key;
      }
    }
  }

  private String keyForPartition(String prefix, int partition) {
    return keyForPartition(prefix, partition, config.partitions());
  }

  /** The partition Kafka's default partitioner picks for a String key. */
  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private void push(
      HopperTopic topic,
      String key,
      Order value,
      long sendMs,
      RecordLabel label,
      BadKind bad,
      Set<Tag> tags) {
    waiting.add(pending(topic, key, value, null, sendMs, label, bad, tags));
  }

  private void push(
      HopperTopic topic,
      String key,
      Payment value,
      long sendMs,
      RecordLabel label,
      BadKind bad,
      Set<Tag> tags) {
    waiting.add(pending(topic, key, value, null, sendMs, label, bad, tags));
  }

  private void pushRaw(HopperTopic topic, String key, byte[] raw, long sendMs, BadKind kind) {
    waiting.add(pending(topic, key, null, raw, sendMs, RecordLabel.BAD, kind, Set.of()));
  }

  private Pending pending(
      HopperTopic topic,
      String key,
      org.apache.avro.specific.SpecificRecord value,
      byte[] raw,
      long sendMs,
      RecordLabel label,
      BadKind bad,
      Set<Tag> tags) {
    return new Pending(creation++, topic, key, value, raw, sendMs, label, bad, tags);
  }
}
