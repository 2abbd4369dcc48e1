package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.producers.coingecko.CoinGeckoClient;
import dev.hopper.producers.coingecko.CoinGeckoSettings;
import dev.hopper.producers.coingecko.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

/**
 * Builds the quote feed a source names: live CoinGecko, a replay of a recording, a simulation
 * seeded from one, or {@code auto} (live, else the replay continuing as a simulation). Shared by
 * the {@code quotes} command and the all-in-one launcher, so both behave the same.
 */
public final class QuoteFeeds {

  /** Where quotes come from. */
  public enum Source {
    AUTO,
    LIVE,
    REPLAY,
    SIMULATE
  }

  /**
   * How to build a feed.
   *
   * @param source where quotes come from
   * @param recordingFile a recording to replay or seed from; null for the bundled one
   * @param speedup replay speed factor (> 0)
   * @param keepTimestamps replay with the recorded times; otherwise an explicit replay shifts them
   *     to end now, and the fallback of {@code auto} moves them to the wall clock as it goes
   * @param record append live responses to this file; null for none
   * @param simulationSeed seed of the random walk
   * @param simulationInterval time between simulated quotes; null for the poll interval
   */
  public record Options(
      Source source,
      Path recordingFile,
      double speedup,
      boolean keepTimestamps,
      Path record,
      long simulationSeed,
      Duration simulationInterval) {}

  private QuoteFeeds() {}

  /** The feed for {@code options}. */
  public static QuoteFeed create(
      Options options, CoinGeckoSettings settings, Clock clock, Sleeper sleeper)
      throws IOException {
    ReplayQuoteFeed.TimeMode mode =
        options.keepTimestamps()
            ? ReplayQuoteFeed.TimeMode.ORIGINAL
            : ReplayQuoteFeed.TimeMode.SHIFT_TO_NOW;
    Duration simulationInterval =
        options.simulationInterval() == null
            ? settings.pollInterval()
            : options.simulationInterval();
    ReplayQuoteFeed.Source recording =
        options.recordingFile() == null
            ? Recording::bundled
            : () -> Recording.open(options.recordingFile());
    return switch (options.source()) {
      case LIVE -> live(options, settings, clock, sleeper);
      case REPLAY -> new ReplayQuoteFeed(recording, options.speedup(), mode, clock, sleeper);
      case SIMULATE ->
          new SimulatedQuoteFeed(
              seeds(recording), settings.pollInterval(), options.simulationSeed(), clock, sleeper);
      case AUTO ->
          new FallbackQuoteFeed(
              live(options, settings, clock, sleeper),
              // Standing in for live data, the replay's event times follow the clock.
              () ->
                  new ReplayQuoteFeed(
                      recording,
                      options.speedup(),
                      options.keepTimestamps()
                          ? ReplayQuoteFeed.TimeMode.ORIGINAL
                          : ReplayQuoteFeed.TimeMode.REAL_TIME,
                      clock,
                      sleeper),
              seeds ->
                  new SimulatedQuoteFeed(
                      seeds, simulationInterval, options.simulationSeed(), clock, sleeper));
    };
  }

  private static LiveQuoteFeed live(
      Options options, CoinGeckoSettings settings, Clock clock, Sleeper sleeper)
      throws IOException {
    Recording.Recorder recorder =
        options.record() == null ? null : Recording.Recorder.append(options.record());
    return new LiveQuoteFeed(CoinGeckoClient.create(settings), clock, sleeper, recorder);
  }

  /** The last quote of each coin and currency of a recording. */
  private static Collection<CoinQuote> seeds(ReplayQuoteFeed.Source recording) {
    ReplayQuoteFeed replay =
        new ReplayQuoteFeed(
            recording, 1, ReplayQuoteFeed.TimeMode.ORIGINAL, Clock.systemUTC(), d -> {});
    try {
      while (replay.next().isPresent()) {
        // read to the end
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UncheckedIOException e) {
      throw e;
    } finally {
      replay.close();
    }
    Collection<CoinQuote> last = replay.lastQuotes();
    if (last.isEmpty()) {
      throw new IllegalArgumentException("the recording has no usable quote to seed a simulation");
    }
    return last;
  }
}
