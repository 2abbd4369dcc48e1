package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Drops quotes whose {@code lastUpdated} did not move forward for their coin and currency: the API
 * answers the same cached quote to several polls, and an older one comes from a stale cache node.
 * Not thread-safe; one per feed loop.
 */
public final class QuoteDeduplicator {
  private final Map<String, Instant> lastSeen = new HashMap<>();
  private long dropped;

  /** Whether {@code quote} is new and should be sent; remembers it when it is. */
  public boolean accept(CoinQuote quote) {
    String key = QuoteKeys.key(quote);
    Instant previous = lastSeen.get(key);
    if (previous != null && !quote.getLastUpdated().isAfter(previous)) {
      dropped++;
      return false;
    }
    lastSeen.put(key, quote.getLastUpdated());
    return true;
  }

  /** Quotes dropped so far as unchanged. */
  public long dropped() {
    return dropped;
  }
}
