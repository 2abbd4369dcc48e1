package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.QuoteSource;
import dev.hopper.producers.coingecko.MarketsParser;
import dev.hopper.producers.coingecko.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a recording with its original timing divided by {@code speedup}. With {@link
 * TimeMode#SHIFT_TO_NOW} every {@code lastUpdated} moves by the same amount so that the newest one
 * is the moment the replay starts: event times keep their spacing, stay in the past whatever the
 * speedup, and candles of the replayed span close at once. {@link TimeMode#ORIGINAL} keeps them.
 */
public final class ReplayQuoteFeed implements QuoteFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayQuoteFeed.class);

  /** What happens to the recorded event times. */
  public enum TimeMode {
    /** Keep {@code lastUpdated} as recorded. */
    ORIGINAL,
    /** Shift all of them so the newest is the replay's start. */
    SHIFT_TO_NOW,
    /**
     * Stand in for the live feed: each quote's time moves to about the wall-clock moment it is sent
     * (its distance to the first recorded response, divided by the speedup), so event time advances
     * with the clock, as downstream windows and as-of joins expect from live data.
     */
    REAL_TIME
  }

  /** Opens a fresh reader of the same recording (the replay reads it twice when shifting). */
  @FunctionalInterface
  public interface Source {
    /** A new reader positioned at the start. */
    Recording.Reader open() throws IOException;
  }

  private final Source source;
  private final double speedup;
  private final TimeMode mode;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, CoinQuote> last = new LinkedHashMap<>();
  private Recording.Reader reader;
  private String name;
  private Instant wallStart;
  private Instant firstRecordedAt;
  private Duration shift = Duration.ZERO;
  private long replayed;

  /** A replay of {@code source}; {@code speedup} must be positive. */
  public ReplayQuoteFeed(
      Source source, double speedup, TimeMode mode, Clock clock, Sleeper sleeper) {
    if (!(speedup > 0) || Double.isInfinite(speedup)) {
      throw new IllegalArgumentException("speedup must be a positive number, was " + speedup);
    }
    this.source = source;
    this.speedup = speedup;
    this.mode = mode;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  private void start() throws IOException {
    wallStart = clock.instant();
    if (mode == TimeMode.SHIFT_TO_NOW) {
      Instant newest = null;
      try (Recording.Reader scan = source.open()) {
        Optional<Recording.Entry> e;
        while ((e = scan.next()).isPresent()) {
          for (CoinQuote q : parse(e.get())) {
            if (newest == null || q.getLastUpdated().isAfter(newest)) {
              newest = q.getLastUpdated();
            }
          }
        }
      }
      if (newest != null) {
        shift = Duration.between(newest, wallStart);
      }
    }
    reader = source.open();
    name = reader.name();
    LOG.info(
        "Replaying {}{} at speed x{}{}",
        name,
        reader.synthetic() ? " (SYNTHETIC data, not real market prices)" : "",
        speedup,
        switch (mode) {
          case SHIFT_TO_NOW -> ", event times shifted by " + shift;
          case REAL_TIME -> ", event times following the wall clock";
          case ORIGINAL -> "";
        });
  }

  @Override
  public Optional<List<CoinQuote>> next() throws InterruptedException {
    try {
      if (reader == null) {
        start();
      }
      Optional<Recording.Entry> entry = reader.next();
      if (entry.isEmpty()) {
        LOG.info("Replay of {} finished: {} quotes", name, replayed);
        return Optional.empty();
      }
      Recording.Entry e = entry.get();
      if (firstRecordedAt == null) {
        firstRecordedAt = e.recordedAt();
      }
      long offsetMs = Duration.between(firstRecordedAt, e.recordedAt()).toMillis();
      Instant due = wallStart.plusMillis(Math.max(0, Math.round(offsetMs / speedup)));
      sleeper.sleep(Duration.between(clock.instant(), due));
      List<CoinQuote> batch = new ArrayList<>();
      for (CoinQuote q : parse(e)) {
        CoinQuote shifted =
            CoinQuote.newBuilder(q)
                .setLastUpdated(eventTime(q.getLastUpdated()))
                .setSource(QuoteSource.REPLAY)
                .build();
        batch.add(shifted);
        last.put(QuoteKeys.key(shifted), shifted);
      }
      replayed += batch.size();
      return Optional.of(batch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read recording " + name, e);
    }
  }

  private Instant eventTime(Instant recorded) {
    if (mode != TimeMode.REAL_TIME) {
      return recorded.plus(shift);
    }
    long offsetMs = Duration.between(firstRecordedAt, recorded).toMillis();
    return wallStart.plusMillis(Math.round(offsetMs / speedup));
  }

  private List<CoinQuote> parse(Recording.Entry e) {
    try {
      MarketsParser.Parsed parsed =
          MarketsParser.parse(e.body(), e.vsCurrency(), QuoteSource.REPLAY);
      return parsed.quotes();
    } catch (MarketsParser.MalformedBodyException ex) {
      LOG.warn("Recording line {}: malformed body skipped: {}", e.lineNumber(), ex.getMessage());
      return List.of();
    }
  }

  /** The last replayed quote of each coin and currency (seeds a simulation that follows). */
  public Collection<CoinQuote> lastQuotes() {
    return List.copyOf(last.values());
  }

  @Override
  public String describe() {
    return "replay of " + (name == null ? "a recording" : name);
  }

  @Override
  public void close() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        LOG.debug("closing recording", e);
      }
    }
  }
}
