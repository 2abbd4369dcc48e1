package dev.hopper.producers.generate;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.avro.PaymentStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SPEC's validation gate written out plainly in test code (no sharing with the generator), to check
 * that each generated bad record breaks exactly the rule it claims and valid records break none.
 */
final class GateRules {
  private static final Instant Y2000 = Instant.parse("2000-01-01T00:00:00Z");
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

  private GateRules() {}

  static List<BadKind> broken(Order o, Instant ingestion) {
    List<BadKind> out = new ArrayList<>();
    if (o.getCustomerId().isBlank() || o.getProductId().isBlank() || o.getCategory().isBlank()) {
      out.add(BadKind.ORDER_MISSING_FIELD);
    }
    if (o.getUnitPrice().signum() <= 0) {
      out.add(BadKind.ORDER_UNIT_PRICE_NOT_POSITIVE);
    }
    if (o.getQuantity() < 1) {
      out.add(BadKind.ORDER_QUANTITY_BELOW_ONE);
    }
    if (o.getDiscountPct().signum() < 0 || o.getDiscountPct().compareTo(new BigDecimal(100)) > 0) {
      out.add(BadKind.ORDER_DISCOUNT_OUT_OF_RANGE);
    }
    BigDecimal expected =
        BigDecimal.valueOf(o.getQuantity())
            .multiply(o.getUnitPrice())
            .multiply(BigDecimal.ONE.subtract(o.getDiscountPct().movePointLeft(2)))
            .setScale(2, RoundingMode.HALF_EVEN);
    if (expected.subtract(o.getFinalPrice()).abs().compareTo(new BigDecimal("0.01")) > 0) {
      out.add(BadKind.ORDER_FINAL_PRICE_MISMATCH);
    }
    if (o.getOrderTime().isBefore(Y2000)) {
      out.add(BadKind.ORDER_TIME_TOO_OLD);
    }
    if (o.getOrderTime().isAfter(ingestion.plus(FUTURE_TOLERANCE))) {
      out.add(BadKind.ORDER_TIME_IN_FUTURE);
    }
    if (o.getPaymentMethod() == PaymentMethod.UNKNOWN) {
      out.add(BadKind.ORDER_UNKNOWN_PAYMENT_METHOD);
    }
    return out;
  }

  static List<BadKind> broken(Payment p, Instant ingestion) {
    List<BadKind> out = new ArrayList<>();
    if (p.getAmount().signum() <= 0) {
      out.add(BadKind.PAYMENT_AMOUNT_NOT_POSITIVE);
    }
    if (p.getStatus() == PaymentStatus.UNKNOWN) {
      out.add(BadKind.PAYMENT_UNKNOWN_STATUS);
    }
    if (p.getMethod() == PaymentMethod.UNKNOWN) {
      out.add(BadKind.PAYMENT_UNKNOWN_METHOD);
    }
    if (p.getPaidAt().isBefore(Y2000)) {
      out.add(BadKind.PAYMENT_TIME_TOO_OLD);
    }
    if (p.getPaidAt().isAfter(ingestion.plus(FUTURE_TOLERANCE))) {
      out.add(BadKind.PAYMENT_TIME_IN_FUTURE);
    }
    return out;
  }

  static List<BadKind> broken(CoinQuote q, Instant ingestion) {
    List<BadKind> out = new ArrayList<>();
    if (q.getPrice() != null && q.getPrice() <= 0) {
      out.add(BadKind.QUOTE_PRICE_NOT_POSITIVE);
    }
    if (q.getLastUpdated().isBefore(Y2000)) {
      out.add(BadKind.QUOTE_TIME_TOO_OLD);
    }
    if (q.getLastUpdated().isAfter(ingestion.plus(FUTURE_TOLERANCE))) {
      out.add(BadKind.QUOTE_TIME_IN_FUTURE);
    }
    return out;
  }

  static List<BadKind> broken(GeneratedRecord r) {
    if (r.order() != null) {
      return broken(r.order(), r.timestamp());
    }
    if (r.payment() != null) {
      return broken(r.payment(), r.timestamp());
    }
    if (r.quote() != null) {
      return broken(r.quote(), r.timestamp());
    }
    return List.of();
  }
}
