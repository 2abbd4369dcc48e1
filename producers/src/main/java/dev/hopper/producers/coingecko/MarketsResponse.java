package dev.hopper.producers.coingecko;

import dev.hopper.avro.CoinQuote;
import java.time.Instant;
import java.util.List;

/**
 * One answer of {@code /coins/markets}: the raw body (for recording), the quotes read from it, and
 * how many entries were skipped. {@code malformed} is set when the body could not be read at all;
 * then {@code quotes} is empty and {@code problem} says why.
 */
public record MarketsResponse(
    String vsCurrency,
    Instant fetchedAt,
    String body,
    List<CoinQuote> quotes,
    int skipped,
    boolean malformed,
    String problem) {

  /** Freezes the list. */
  public MarketsResponse {
    quotes = List.copyOf(quotes);
  }
}
