package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import java.util.List;
import java.util.Optional;

/**
 * A source of quote batches: live CoinGecko polls, a recorded replay, or a simulation. {@link
 * #next()} blocks until the next batch is due, so callers just loop; an empty result means the feed
 * has ended (a replay reached the end of its file).
 */
public interface QuoteFeed extends AutoCloseable {

  /** The next batch (possibly empty), or empty when the feed has ended. */
  Optional<List<CoinQuote>> next() throws InterruptedException;

  /** A short description for logs, e.g. {@code replay of bundled synthetic recording}. */
  String describe();

  /** Releases files and connections; the default does nothing. */
  @Override
  default void close() {}
}
