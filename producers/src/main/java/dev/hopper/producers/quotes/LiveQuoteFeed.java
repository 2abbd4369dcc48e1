package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.producers.coingecko.CoinGeckoClient;
import dev.hopper.producers.coingecko.CoinGeckoException;
import dev.hopper.producers.coingecko.MarketsResponse;
import dev.hopper.producers.coingecko.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls CoinGecko every {@code pollInterval} (default 30 s, well inside the Demo plan's 30 calls a
 * minute with one call per currency), optionally appending each raw answer to a recording. A poll
 * that fails after the client's retries is logged and yields an empty batch: the feed keeps going.
 */
public final class LiveQuoteFeed implements QuoteFeed {
  private static final int PROBE_ATTEMPTS = 2;

  private static final Logger LOG = LoggerFactory.getLogger(LiveQuoteFeed.class);

  private final CoinGeckoClient client;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Recording.Recorder recorder;
  private final Duration interval;
  private Instant nextDue;
  private List<CoinQuote> pending;

  /** A live feed; {@code recorder} may be null. */
  public LiveQuoteFeed(
      CoinGeckoClient client, Clock clock, Sleeper sleeper, Recording.Recorder recorder) {
    this.client = client;
    this.clock = clock;
    this.sleeper = sleeper;
    this.recorder = recorder;
    this.interval = client.settings().pollInterval();
  }

  /**
   * Polls once now and fails if a currency could not be fetched: used to decide between live data
   * and the fallback. The batch is kept and returned by the next {@link #next()}.
   */
  public void probe() throws CoinGeckoException, InterruptedException {
    // A probe decides quickly: one retry, and the first currency that fails ends it. An offline
    // machine then falls back in about a second instead of after every retry of every currency.
    List<CoinQuote> batch = new ArrayList<>();
    for (String vs : client.settings().vsCurrencies()) {
      batch.addAll(accept(client.fetchMarkets(vs, PROBE_ATTEMPTS)));
    }
    pending = batch;
    nextDue = clock.instant().plus(interval);
  }

  @Override
  public Optional<List<CoinQuote>> next() throws InterruptedException {
    if (pending != null) {
      List<CoinQuote> batch = pending;
      pending = null;
      return Optional.of(batch);
    }
    if (nextDue != null) {
      Duration wait = Duration.between(clock.instant(), nextDue);
      sleeper.sleep(wait);
    }
    Instant started = clock.instant();
    nextDue = (nextDue == null || nextDue.isBefore(started) ? started : nextDue).plus(interval);
    List<CoinQuote> batch = new ArrayList<>();
    for (String vs : client.settings().vsCurrencies()) {
      try {
        batch.addAll(accept(client.fetchMarkets(vs)));
      } catch (CoinGeckoException e) {
        LOG.warn("CoinGecko poll in {} failed, trying again next interval: {}", vs, e.getMessage());
      }
    }
    return Optional.of(batch);
  }

  private List<CoinQuote> accept(MarketsResponse response) {
    if (recorder != null) {
      recorder.record(response);
    }
    return response.quotes();
  }

  @Override
  public String describe() {
    return "live CoinGecko "
        + client.settings().baseUrl()
        + " every "
        + interval.toSeconds()
        + " s";
  }

  @Override
  public void close() {
    if (recorder != null) {
      try {
        recorder.close();
      } catch (IOException e) {
        LOG.warn("Cannot close the recording: {}", e.getMessage());
      }
    }
  }
}
