package dev.hopper.producers.coingecko;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.QuoteSource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the body of {@code GET /coins/markets} into {@link CoinQuote}s. A body that is not a JSON
 * array is malformed as a whole; inside an array, an entry without id, symbol, name or a valid
 * {@code last_updated}, or with a non-numeric price field, is skipped on its own while the others
 * are kept. Numeric fields the API sends as null (or omits) stay null.
 */
public final class MarketsParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MarketsParser() {}

  /** The quotes of a body, and how many entries were skipped and why (first reason). */
  public record Parsed(List<CoinQuote> quotes, int skipped, String firstSkipReason) {}

  /** A body that cannot be read as a markets list at all. */
  public static final class MalformedBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedBodyException(String message) {
      super(message);
    }
  }

  /** Parses one body for quotes in {@code vsCurrency}, labelled with {@code source}. */
  public static Parsed parse(String body, String vsCurrency, QuoteSource source)
      throws MalformedBodyException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedBodyException(
          "not JSON: " + e.getOriginalMessage() + " (body of " + body.length() + " chars)");
    }
    return parse(root, vsCurrency, source);
  }

  /** Parses an already read JSON tree (recordings embed the body as JSON). */
  public static Parsed parse(JsonNode root, String vsCurrency, QuoteSource source)
      throws MalformedBodyException {
    if (root == null || !root.isArray()) {
      throw new MalformedBodyException(
          "expected a JSON array of coins but got "
              + (root == null
                  ? "nothing"
                  : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }
    String vs = vsCurrency.toLowerCase(Locale.ROOT);
    List<CoinQuote> quotes = new ArrayList<>(root.size());
    int skipped = 0;
    String firstReason = null;
    for (JsonNode entry : root) {
      try {
        quotes.add(quote(entry, vs, source));
      } catch (IllegalArgumentException e) {
        skipped++;
        if (firstReason == null) {
          firstReason = e.getMessage();
        }
      }
    }
    return new Parsed(quotes, skipped, firstReason);
  }

  private static CoinQuote quote(JsonNode e, String vs, QuoteSource source) {
    if (!e.isObject()) {
      throw new IllegalArgumentException("an entry is not an object");
    }
    String id = text(e, "id", null);
    return CoinQuote.newBuilder()
        .setCoinId(id)
        .setSymbol(text(e, "symbol", id).toLowerCase(Locale.ROOT))
        .setName(text(e, "name", id))
        .setVsCurrency(vs)
        .setPrice(number(e, "current_price", id))
        .setMarketCap(number(e, "market_cap", id))
        .setTotalVolume(number(e, "total_volume", id))
        .setHigh24h(number(e, "high_24h", id))
        .setLow24h(number(e, "low_24h", id))
        .setPriceChangePct24h(number(e, "price_change_percentage_24h", id))
        .setLastUpdated(instant(e, "last_updated", id))
        .setSource(source)
        .build();
  }

  private static String text(JsonNode e, String field, String id) {
    JsonNode v = e.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(
          (id == null ? "an entry" : "entry " + id) + " has no " + field);
    }
    return v.asText().strip();
  }

  private static Double number(JsonNode e, String field, String id) {
    JsonNode v = e.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("entry " + id + " has a non-numeric " + field);
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("entry " + id + " has an out-of-range " + field);
    }
    return d;
  }

  private static Instant instant(JsonNode e, String field, String id) {
    String text = text(e, field, id);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException ex) {
      throw new IllegalArgumentException("entry " + id + " has an invalid " + field + " " + text);
    }
  }
}
