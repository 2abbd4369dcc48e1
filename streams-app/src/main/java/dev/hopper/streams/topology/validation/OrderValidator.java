package dev.hopper.streams.topology.validation;

import dev.hopper.avro.Order;
import dev.hopper.avro.PaymentMethod;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** SPEC's order rules. */
public final class OrderValidator implements Validator<Order> {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

  private final TimePolicy time;

  /** Validates orders with the given time policy. */
  public OrderValidator(TimePolicy time) {
    this.time = time;
  }

  @Override
  public Source source() {
    return Source.ORDERS;
  }

  @Override
  public Class<Order> type() {
    return Order.class;
  }

  @Override
  public long eventTime(Order value) {
    return value.getOrderTime().toEpochMilli();
  }

  @Override
  public void validate(String key, Order o, long ingestionTime, Failures out) {
    StringBuilder missing = new StringBuilder();
    Checks.requireText(missing, "key", key);
    Checks.requireText(missing, "orderId", o.getOrderId());
    Checks.requireText(missing, "customerId", o.getCustomerId());
    Checks.requireText(missing, "productId", o.getProductId());
    Checks.requireText(missing, "category", o.getCategory());
    Checks.requireText(missing, "currency", o.getCurrency());
    Checks.requireNonNull(missing, "unitPrice", o.getUnitPrice());
    Checks.requireNonNull(missing, "discountPct", o.getDiscountPct());
    Checks.requireNonNull(missing, "finalPrice", o.getFinalPrice());
    Checks.requireNonNull(missing, "orderTime", o.getOrderTime());
    if (missing.length() > 0) {
      out.add(Rule.REQUIRED_FIELDS, "missing " + missing);
      return;
    }
    if (!key.equals(o.getOrderId())) {
      out.add(Rule.KEY_MISMATCH, "key " + key + " is not the orderId " + o.getOrderId());
    }
    boolean amountsUsable = true;
    if (o.getUnitPrice().signum() <= 0) {
      out.add(Rule.UNIT_PRICE_POSITIVE, "unitPrice " + o.getUnitPrice() + " is not > 0");
      amountsUsable = false;
    }
    if (o.getQuantity() < 1) {
      out.add(Rule.QUANTITY_AT_LEAST_ONE, "quantity " + o.getQuantity() + " is not >= 1");
      amountsUsable = false;
    }
    BigDecimal discount = o.getDiscountPct();
    if (discount.signum() < 0 || discount.compareTo(HUNDRED) > 0) {
      out.add(Rule.DISCOUNT_RANGE, "discountPct " + discount + " is not within [0, 100]");
      amountsUsable = false;
    }
    if (amountsUsable) {
      BigDecimal expected = expectedFinalPrice(o.getQuantity(), o.getUnitPrice(), discount);
      if (expected.subtract(o.getFinalPrice()).abs().compareTo(TOLERANCE) > 0) {
        out.add(
            Rule.FINAL_PRICE_CONSISTENT,
            "finalPrice " + o.getFinalPrice() + " differs from the expected " + expected);
      }
    }
    if (o.getPaymentMethod() == PaymentMethod.UNKNOWN) {
      out.add(Rule.KNOWN_ENUMS, "paymentMethod is UNKNOWN");
    }
    time.check("orderTime", eventTime(o), ingestionTime, out);
  }

  /** round(quantity x unitPrice x (1 - discountPct/100), 2), HALF_EVEN. */
  public static BigDecimal expectedFinalPrice(
      int quantity, BigDecimal unitPrice, BigDecimal discountPct) {
    BigDecimal factor = BigDecimal.ONE.subtract(discountPct.divide(HUNDRED));
    return unitPrice
        .multiply(BigDecimal.valueOf(quantity))
        .multiply(factor)
        .setScale(2, RoundingMode.HALF_EVEN);
  }
}
