package dev.hopper.streams.topology.orders;

import dev.hopper.avro.CategorySales;
import dev.hopper.avro.EnrichedOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The sales-by-category aggregate: an empty window, adding an order, merging two partials. */
public final class SalesMath {
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  private SalesMath() {}

  /** An empty aggregate of {@code category} for the window starting at {@code windowStart}. */
  public static CategorySales empty(
      String category, String interval, long windowStart, long windowMs) {
    return CategorySales.newBuilder()
        .setCategory(category)
        .setInterval(interval)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowStart + windowMs))
        .setOrders(0)
        .setUnits(0)
        .setGrossRevenue(ZERO)
        .setNetRevenue(ZERO)
        .setDiscountTotal(ZERO)
        .setRevenueUsd(ZERO)
        .setUnvaluedOrders(0)
        .setOrdersByPaymentMethod(new HashMap<>())
        .build();
  }

  /** {@code agg} plus one order. Gross is quantity x unitPrice; discount is gross - net. */
  public static CategorySales add(CategorySales agg, EnrichedOrder o) {
    BigDecimal gross =
        o.getUnitPrice()
            .multiply(BigDecimal.valueOf(o.getQuantity()))
            .setScale(2, RoundingMode.HALF_EVEN);
    BigDecimal net = o.getFinalPrice().setScale(2, RoundingMode.HALF_EVEN);
    Map<String, Long> methods = new HashMap<>(agg.getOrdersByPaymentMethod());
    methods.merge(o.getPaymentMethod().name(), 1L, Long::sum);
    BigDecimal usd = o.getFinalPriceUsd();
    return copy(
        agg,
        agg.getOrders() + 1,
        agg.getUnits() + o.getQuantity(),
        agg.getGrossRevenue().add(gross),
        agg.getNetRevenue().add(net),
        agg.getDiscountTotal().add(gross.subtract(net)),
        usd == null ? agg.getRevenueUsd() : agg.getRevenueUsd().add(usd),
        agg.getUnvaluedOrders() + (usd == null ? 1 : 0),
        methods);
  }

  /** The sum of two partial aggregates of the same category and window. */
  public static CategorySales merge(CategorySales a, CategorySales b) {
    Map<String, Long> methods = new TreeMap<>(a.getOrdersByPaymentMethod());
    b.getOrdersByPaymentMethod().forEach((k, v) -> methods.merge(k, v, Long::sum));
    return copy(
        a,
        a.getOrders() + b.getOrders(),
        a.getUnits() + b.getUnits(),
        a.getGrossRevenue().add(b.getGrossRevenue()),
        a.getNetRevenue().add(b.getNetRevenue()),
        a.getDiscountTotal().add(b.getDiscountTotal()),
        a.getRevenueUsd().add(b.getRevenueUsd()),
        a.getUnvaluedOrders() + b.getUnvaluedOrders(),
        new HashMap<>(methods));
  }

  /**
   * {@code agg}'s category and window with new sums. The all-arguments constructor, not a builder
   * from {@code agg}: a builder deep-copies every field of the record it starts from, which was
   * most of the cost of adding an order. The fields shared with {@code agg} are immutable.
   */
  private static CategorySales copy(
      CategorySales agg,
      long orders,
      long units,
      BigDecimal gross,
      BigDecimal net,
      BigDecimal discount,
      BigDecimal usd,
      long unvalued,
      Map<String, Long> methods) {
    return new CategorySales(
        agg.getCategory(),
        agg.getInterval(),
        agg.getWindowStart(),
        agg.getWindowEnd(),
        orders,
        units,
        gross,
        net,
        discount,
        usd,
        unvalued,
        methods);
  }
}
