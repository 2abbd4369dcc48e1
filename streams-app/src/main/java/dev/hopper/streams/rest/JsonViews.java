package dev.hopper.streams.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.CustomerStats;
import dev.hopper.streams.query.CandleWindow;
import dev.hopper.streams.query.SalesWindow;
import dev.hopper.streams.topology.quotes.CandleAggregate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of the API. Field names follow the Avro schemas; times are ISO-8601 UTC strings,
 * money is a JSON number with its exact scale (never a double), market prices are numbers.
 */
final class JsonViews {
  /** The mapper of the REST layer: decimals in plain notation. */
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private JsonViews() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ObjectNode error(String error, String message) {
    return object().put("error", error).put("message", message);
  }

  static ObjectNode quote(CoinQuote q) {
    ObjectNode n = object();
    n.put("coinId", q.getCoinId());
    n.put("symbol", q.getSymbol());
    n.put("name", q.getName());
    n.put("vsCurrency", q.getVsCurrency());
    putDouble(n, "price", q.getPrice());
    putDouble(n, "marketCap", q.getMarketCap());
    putDouble(n, "totalVolume", q.getTotalVolume());
    putDouble(n, "high24h", q.getHigh24h());
    putDouble(n, "low24h", q.getLow24h());
    putDouble(n, "priceChangePct24h", q.getPriceChangePct24h());
    n.put("lastUpdated", time(q.getLastUpdated()));
    n.put("source", q.getSource() == null ? null : q.getSource().name());
    return n;
  }

  static ObjectNode candle(CandleWindow w) {
    CandleAggregate c = w.candle();
    ObjectNode n = object();
    n.put("windowStart", time(w.start()));
    n.put("windowEnd", time(w.end()));
    putDouble(n, "open", c.open());
    putDouble(n, "high", c.high());
    putDouble(n, "low", c.low());
    putDouble(n, "close", c.close());
    n.put("quoteCount", c.count());
    putDouble(n, "lastMarketCap", c.lastMarketCap());
    putDouble(n, "lastVolume24h", c.lastVolume24h());
    n.put("final", w.isFinal());
    return n;
  }

  static ObjectNode sales(SalesWindow w) {
    CategorySales s = w.sales();
    ObjectNode n = object();
    n.put("category", s.getCategory());
    n.put("interval", s.getInterval());
    n.put("windowStart", time(s.getWindowStart()));
    n.put("windowEnd", time(s.getWindowEnd()));
    n.put("orders", s.getOrders());
    n.put("units", s.getUnits());
    putDecimal(n, "grossRevenue", s.getGrossRevenue());
    putDecimal(n, "netRevenue", s.getNetRevenue());
    putDecimal(n, "discountTotal", s.getDiscountTotal());
    putDecimal(n, "revenueUsd", s.getRevenueUsd());
    n.put("unvaluedOrders", s.getUnvaluedOrders());
    ObjectNode methods = n.putObject("ordersByPaymentMethod");
    if (s.getOrdersByPaymentMethod() != null) {
      Map<String, Long> sorted = new TreeMap<>();
      s.getOrdersByPaymentMethod().forEach((k, v) -> sorted.put(k.toString(), v));
      sorted.forEach(methods::put);
    }
    n.put("final", w.isFinal());
    return n;
  }

  static ObjectNode customerStats(CustomerStats s) {
    ObjectNode n = object();
    n.put("customerId", s.getCustomerId());
    n.put("orders", s.getOrders());
    putDecimal(n, "totalSpent", s.getTotalSpent());
    n.put("currency", s.getCurrency());
    n.put("lastOrderTime", time(s.getLastOrderTime()));
    return n;
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** A market figure: its shortest decimal form, in plain notation (no exponent). */
  private static void putDouble(ObjectNode n, String field, Double v) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      n.putNull(field);
    } else {
      n.put(field, BigDecimal.valueOf(v));
    }
  }

  private static void putDecimal(ObjectNode n, String field, BigDecimal v) {
    if (v == null) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }
}
