package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.producers.coingecko.CoinGeckoException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code auto} source: live CoinGecko when it answers, otherwise a replay (by default the
 * bundled recording) that then continues as an endless simulation from the replay's last prices.
 * The choice is made once, at the first batch, and logged.
 */
public final class FallbackQuoteFeed implements QuoteFeed {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackQuoteFeed.class);

  private final LiveQuoteFeed live;
  private final Supplier<ReplayQuoteFeed> replay;
  private final Function<Collection<CoinQuote>, QuoteFeed> simulation;
  private QuoteFeed current;
  private ReplayQuoteFeed replaying;

  /**
   * @param live the live feed, probed once
   * @param replay the replay used when live fails
   * @param simulation builds the simulation that follows the replay from its last quotes
   */
  public FallbackQuoteFeed(
      LiveQuoteFeed live,
      Supplier<ReplayQuoteFeed> replay,
      Function<Collection<CoinQuote>, QuoteFeed> simulation) {
    this.live = live;
    this.replay = replay;
    this.simulation = simulation;
  }

  @Override
  public Optional<List<CoinQuote>> next() throws InterruptedException {
    if (current == null) {
      try {
        live.probe();
        current = live;
        LOG.info("Quotes from {}", live.describe());
      } catch (CoinGeckoException e) {
        live.close();
        replaying = replay.get();
        current = replaying;
        LOG.warn(
            "CoinGecko is not reachable ({}); falling back to the {}, then a simulation",
            e.getMessage(),
            replaying.describe());
      }
    }
    Optional<List<CoinQuote>> batch = current.next();
    if (batch.isEmpty() && current == replaying) {
      Collection<CoinQuote> seeds = replaying.lastQuotes();
      replaying.close();
      replaying = null;
      current = simulation.apply(seeds);
      LOG.info("Replay finished; continuing with a {}", current.describe());
      return current.next();
    }
    return batch;
  }

  /** Which feed is producing now (for tests and the status line). */
  public String describe() {
    return current == null ? "auto (not started)" : current.describe();
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
    }
    live.close();
  }
}
