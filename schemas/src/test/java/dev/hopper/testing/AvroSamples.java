package dev.hopper.testing;

import dev.hopper.avro.Candle;
import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.CustomerSegment;
import dev.hopper.avro.CustomerStats;
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
import dev.hopper.avro.QuoteSource;
import dev.hopper.avro.RejectedRecord;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One valid record of every Hopper schema, fully populated ({@link #full()}) or with every optional
 * field left null ({@link #sparse()}), for round-trip and compatibility tests in every module.
 */
public final class AvroSamples {
  /** A fixed event time, millisecond precision (timestamp-millis keeps nothing finer). */
  public static final Instant T0 = Instant.parse("2024-11-21T00:00:00.123Z");

  private AvroSamples() {}

  /** Every generated record type, one entry per value schema. */
  public static List<Class<? extends SpecificRecord>> recordTypes() {
    return full().stream().<Class<? extends SpecificRecord>>map(SpecificRecord::getClass).toList();
  }

  /** One fully populated record of every schema. */
  public static List<SpecificRecord> full() {
    return List.of(
        coinQuote(),
        product(),
        customer(),
        order(),
        payment(),
        candle(),
        priceMove(),
        enrichedOrder(),
        categorySales(),
        orderPayment(),
        customerStats(),
        rejectedRecord());
  }

  /** One record of every schema with every nullable field null and defaults where allowed. */
  public static List<SpecificRecord> sparse() {
    return List.of(
        CoinQuote.newBuilder(coinQuote())
            .setPrice(null)
            .setMarketCap(null)
            .setTotalVolume(null)
            .setHigh24h(null)
            .setLow24h(null)
            .setPriceChangePct24h(null)
            .build(),
        Product.newBuilder().setProductId("P-2").setCategory("Books").build(),
        Customer.newBuilder().setCustomerId("C-2").build(),
        Order.newBuilder(order()).setCurrency("INR").build(),
        payment(),
        Candle.newBuilder(candle()).setLastMarketCap(null).setLastVolume24h(null).build(),
        priceMove(),
        EnrichedOrder.newBuilder()
            .setOrderId("O-2")
            .setCustomerId("C-2")
            .setProductId("P-2")
            .setCategory("Books")
            .setQuantity(1)
            .setUnitPrice(new BigDecimal("10.00"))
            .setDiscountPct(new BigDecimal("0.00"))
            .setFinalPrice(new BigDecimal("10.00"))
            .setCurrency("INR")
            .setPaymentMethod(PaymentMethod.UPI)
            .setOrderTime(T0)
            .setFlags(
                List.of(
                    EnrichmentFlag.PRODUCT_MISSING,
                    EnrichmentFlag.CUSTOMER_MISSING,
                    EnrichmentFlag.QUOTE_MISSING))
            .build(),
        CategorySales.newBuilder(categorySales()).setOrdersByPaymentMethod(Map.of()).build(),
        OrderPayment.newBuilder()
            .setOrderId("O-2")
            .setStatus(OrderPaymentStatus.UNPAID)
            .setOrderTime(T0)
            .build(),
        customerStats(),
        RejectedRecord.newBuilder()
            .setSourceTopic("shop.orders")
            .setRules(List.of("DESERIALIZATION"))
            .setMessage("Unknown magic byte")
            .setRejectedAt(T0)
            .build());
  }

  public static CoinQuote coinQuote() {
    return CoinQuote.newBuilder()
        .setCoinId("bitcoin")
        .setSymbol("btc")
        .setName("Bitcoin")
        .setVsCurrency("usd")
        .setPrice(98_123.45)
        .setMarketCap(1.94e12)
        .setTotalVolume(5.6e10)
        .setHigh24h(99_000.0)
        .setLow24h(95_500.5)
        .setPriceChangePct24h(2.75)
        .setLastUpdated(T0)
        .setSource(QuoteSource.LIVE)
        .build();
  }

  public static Product product() {
    return Product.newBuilder()
        .setProductId("P-1")
        .setCategory("Electronics")
        .setName("Noise-cancelling headphones")
        .setBrand("Acme")
        .setListPrice(new BigDecimal("2499.00"))
        .setCurrency("INR")
        .setUpdatedAt(T0)
        .build();
  }

  public static Customer customer() {
    return Customer.newBuilder()
        .setCustomerId("C-1")
        .setCity("Pune")
        .setCountry("IN")
        .setSegment(CustomerSegment.VIP)
        .setSignupDate(LocalDate.of(2021, 3, 14))
        .build();
  }

  public static Order order() {
    return Order.newBuilder()
        .setOrderId("O-1")
        .setCustomerId("C-1")
        .setProductId("P-1")
        .setCategory("Electronics")
        .setQuantity(2)
        .setUnitPrice(new BigDecimal("2499.00"))
        .setDiscountPct(new BigDecimal("12.50"))
        .setFinalPrice(new BigDecimal("4373.25"))
        .setCurrency("INR")
        .setPaymentMethod(PaymentMethod.CREDIT_CARD)
        .setOrderTime(T0)
        .build();
  }

  public static Payment payment() {
    return Payment.newBuilder()
        .setPaymentId("PAY-1")
        .setOrderId("O-1")
        .setMethod(PaymentMethod.CREDIT_CARD)
        .setAmount(new BigDecimal("4373.25"))
        .setStatus(PaymentStatus.CAPTURED)
        .setPaidAt(T0.plusSeconds(90))
        .build();
  }

  public static Candle candle() {
    return Candle.newBuilder()
        .setCoinId("bitcoin")
        .setVsCurrency("usd")
        .setInterval("1m")
        .setWindowStart(Instant.parse("2024-11-21T00:00:00Z"))
        .setWindowEnd(Instant.parse("2024-11-21T00:01:00Z"))
        .setOpen(98_000.0)
        .setHigh(98_200.0)
        .setLow(97_950.0)
        .setClose(98_123.45)
        .setQuoteCount(6)
        .setLastMarketCap(1.94e12)
        .setLastVolume24h(5.6e10)
        .build();
  }

  public static PriceMove priceMove() {
    return PriceMove.newBuilder()
        .setCoinId("bitcoin")
        .setVsCurrency("usd")
        .setDirection(MoveDirection.UP)
        .setFromPrice(96_000.0)
        .setToPrice(98_123.45)
        .setChangePct(2.2119)
        .setFromTime(T0.minusSeconds(240))
        .setTriggerTime(T0)
        .build();
  }

  public static EnrichedOrder enrichedOrder() {
    return EnrichedOrder.newBuilder()
        .setOrderId("O-1")
        .setCustomerId("C-1")
        .setProductId("P-1")
        .setCategory("Electronics")
        .setQuantity(2)
        .setUnitPrice(new BigDecimal("2499.00"))
        .setDiscountPct(new BigDecimal("12.50"))
        .setFinalPrice(new BigDecimal("4373.25"))
        .setCurrency("INR")
        .setPaymentMethod(PaymentMethod.CREDIT_CARD)
        .setOrderTime(T0)
        .setProductName("Noise-cancelling headphones")
        .setProductBrand("Acme")
        .setCustomerCity("Pune")
        .setCustomerCountry("IN")
        .setCustomerSegment(CustomerSegment.VIP)
        .setFinalPriceUsd(new BigDecimal("51.78"))
        .setFinalPriceBtc(new BigDecimal("0.00052771"))
        .setQuoteTime(T0.minusSeconds(30))
        .setUsdQuoteTime(T0.minusSeconds(20))
        .setFlags(List.of())
        .build();
  }

  public static CategorySales categorySales() {
    return CategorySales.newBuilder()
        .setCategory("Electronics")
        .setInterval("1m")
        .setWindowStart(Instant.parse("2024-11-21T00:00:00Z"))
        .setWindowEnd(Instant.parse("2024-11-21T00:01:00Z"))
        .setOrders(3)
        .setUnits(5)
        .setGrossRevenue(new BigDecimal("12495.00"))
        .setNetRevenue(new BigDecimal("10933.13"))
        .setDiscountTotal(new BigDecimal("1561.87"))
        .setRevenueUsd(new BigDecimal("129.46"))
        .setUnvaluedOrders(0)
        .setOrdersByPaymentMethod(Map.of("CREDIT_CARD", 2L, "UPI", 1L))
        .build();
  }

  public static OrderPayment orderPayment() {
    return OrderPayment.newBuilder()
        .setOrderId("O-1")
        .setStatus(OrderPaymentStatus.PAID)
        .setPaymentId("PAY-1")
        .setMethod(PaymentMethod.CREDIT_CARD)
        .setAmount(new BigDecimal("4373.25"))
        .setOrderTime(T0)
        .setPaidAt(T0.plusSeconds(90))
        .setPaymentLatencyMs(90_000L)
        .build();
  }

  public static CustomerStats customerStats() {
    return CustomerStats.newBuilder()
        .setCustomerId("C-1")
        .setOrders(7)
        .setTotalSpent(new BigDecimal("30612.75"))
        .setCurrency("INR")
        .setLastOrderTime(T0)
        .build();
  }

  public static RejectedRecord rejectedRecord() {
    return RejectedRecord.newBuilder()
        .setSourceTopic("csv:orders-2024.csv")
        .setPartition(null)
        .setOffset(null)
        .setLineNumber(42L)
        .setKey("O-9")
        .setRawValue(ByteBuffer.wrap("O-9,C-1,P-1,Books,-3,...".getBytes(StandardCharsets.UTF_8)))
        .setRules(List.of("QUANTITY_AT_LEAST_ONE", "FINAL_PRICE_MATCHES"))
        .setMessage("quantity -3 < 1; finalPrice does not match")
        .setRejectedAt(T0)
        .build();
  }
}
