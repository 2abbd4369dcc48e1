package dev.hopper.streams.topology;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.CustomerSegment;
import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.avro.PaymentStatus;
import dev.hopper.avro.Product;
import dev.hopper.avro.QuoteSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Small factories of valid test records; tests change single fields with the Avro builders. */
final class Samples {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private Samples() {}

  static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  static Order.Builder order(String id, Instant time) {
    return order(id, "c1", "p1", "Books", 2, "100.00", "10.00", time);
  }

  static Order.Builder order(
      String id,
      String customer,
      String product,
      String category,
      int qty,
      String unit,
      String discount,
      Instant time) {
    BigDecimal unitPrice = new BigDecimal(unit);
    BigDecimal discountPct = new BigDecimal(discount);
    BigDecimal finalPrice =
        unitPrice
            .multiply(BigDecimal.valueOf(qty))
            .multiply(BigDecimal.ONE.subtract(discountPct.movePointLeft(2)))
            .setScale(2, RoundingMode.HALF_EVEN);
    return Order.newBuilder()
        .setOrderId(id)
        .setCustomerId(customer)
        .setProductId(product)
        .setCategory(category)
        .setQuantity(qty)
        .setUnitPrice(unitPrice)
        .setDiscountPct(discountPct.setScale(2))
        .setFinalPrice(finalPrice)
        .setCurrency("INR")
        .setPaymentMethod(PaymentMethod.UPI)
        .setOrderTime(time);
  }

  static Payment.Builder payment(
      String paymentId, String orderId, PaymentStatus status, Instant paidAt) {
    return Payment.newBuilder()
        .setPaymentId(paymentId)
        .setOrderId(orderId)
        .setMethod(PaymentMethod.UPI)
        .setAmount(new BigDecimal("180.00"))
        .setStatus(status)
        .setPaidAt(paidAt);
  }

  static CoinQuote.Builder quote(String coin, String currency, Double price, Instant time) {
    return CoinQuote.newBuilder()
        .setCoinId(coin)
        .setSymbol(coin.substring(0, 3))
        .setName(coin)
        .setVsCurrency(currency)
        .setPrice(price)
        .setMarketCap(price == null ? null : price * 1000)
        .setTotalVolume(price == null ? null : price * 10)
        .setLastUpdated(time)
        .setSource(QuoteSource.SIMULATED);
  }

  static Product product(String id, String category, String name) {
    return Product.newBuilder()
        .setProductId(id)
        .setCategory(category)
        .setName(name)
        .setBrand("Acme")
        .build();
  }

  static Customer customer(String id, String city) {
    return Customer.newBuilder()
        .setCustomerId(id)
        .setCity(city)
        .setCountry("IN")
        .setSegment(CustomerSegment.VIP)
        .build();
  }
}
