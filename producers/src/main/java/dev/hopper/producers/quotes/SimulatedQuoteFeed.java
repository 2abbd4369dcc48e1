package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.QuoteSource;
import dev.hopper.producers.coingecko.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An endless, plausible random walk of quotes, starting from seed quotes (by default the last ones
 * of the bundled recording). Each coin moves by one shared geometric step in every currency, so the
 * currencies of a coin stay consistent (bitcoin in USD and INR imply a steady INR to USD rate, with
 * a small drift of its own); now and then a jump of a few percent makes price moves happen. Event
 * times are the wall clock at each tick.
 */
public final class SimulatedQuoteFeed implements QuoteFeed {

  /** Standard deviation of one 30-second log-return (about 1.5 % a day, a calm market). */
  private static final double SIGMA_30S = 0.0009;

  private static final double FX_SIGMA_30S = 0.00005;
  private static final double JUMP_PROBABILITY = 0.01;

  private final Map<String, List<Coin>> byCoin = new LinkedHashMap<>();
  private final List<String> currencies = new ArrayList<>();
  private final Duration interval;
  private final Clock clock;
  private final Sleeper sleeper;
  private final SplittableRandom random;
  private Instant nextDue;
  private Instant lastTime = Instant.EPOCH;

  private static final class Coin {
    final CoinQuote seed;
    double price;
    double high;
    double low;
    double open24h;
    Double marketCap;
    Double volume;

    Coin(CoinQuote seed) {
      this.seed = seed;
      this.price = seed.getPrice();
      this.high = seed.getHigh24h() == null ? price : Math.max(price, seed.getHigh24h());
      this.low = seed.getLow24h() == null ? price : Math.min(price, seed.getLow24h());
      double pct = seed.getPriceChangePct24h() == null ? 0 : seed.getPriceChangePct24h();
      this.open24h = price / (1 + pct / 100);
      this.marketCap = seed.getMarketCap();
      this.volume = seed.getTotalVolume();
    }
  }

  /** A simulation from {@code seeds} (quotes with a price), one tick per {@code interval}. */
  public SimulatedQuoteFeed(
      Collection<CoinQuote> seeds, Duration interval, long seed, Clock clock, Sleeper sleeper) {
    for (CoinQuote q : seeds) {
      if (q.getPrice() != null && q.getPrice() > 0) {
        byCoin.computeIfAbsent(q.getCoinId(), k -> new ArrayList<>()).add(new Coin(q));
        if (!currencies.contains(q.getVsCurrency())) {
          currencies.add(q.getVsCurrency());
        }
      }
    }
    if (byCoin.isEmpty()) {
      throw new IllegalArgumentException("a simulation needs at least one seed quote with a price");
    }
    this.interval = interval;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = new SplittableRandom(seed);
  }

  /** Seed quotes: the last quote of each coin and currency in the bundled recording. */
  public static Collection<CoinQuote> bundledSeeds() {
    Map<String, CoinQuote> last = new LinkedHashMap<>();
    try (Recording.Reader reader = Recording.bundled()) {
      Optional<Recording.Entry> e;
      while ((e = reader.next()).isPresent()) {
        try {
          for (CoinQuote q :
              dev.hopper.producers.coingecko.MarketsParser.parse(
                      e.get().body(), e.get().vsCurrency(), QuoteSource.REPLAY)
                  .quotes()) {
            last.put(QuoteKeys.key(q), q);
          }
        } catch (dev.hopper.producers.coingecko.MarketsParser.MalformedBodyException ex) {
          // the bundled recording is well-formed; a bad line would only be skipped
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the bundled recording", ex);
    }
    return last.values();
  }

  @Override
  public Optional<List<CoinQuote>> next() throws InterruptedException {
    if (nextDue != null) {
      sleeper.sleep(Duration.between(clock.instant(), nextDue));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (!now.isAfter(lastTime)) {
      now = lastTime.plusMillis(1);
    }
    lastTime = now;
    nextDue = (nextDue == null || nextDue.isBefore(now) ? now : nextDue).plus(interval);
    double scale = Math.sqrt(interval.toMillis() / 30_000.0);
    // One exchange-rate step per currency and tick, shared by all coins quoted in it.
    Map<String, Double> fxStep = new HashMap<>();
    for (String vs : currencies) {
      fxStep.put(
          vs, vs.equals("usd") ? 1.0 : Math.exp(random.nextGaussian() * FX_SIGMA_30S * scale));
    }
    List<CoinQuote> batch = new ArrayList<>();
    for (List<Coin> coins : byCoin.values()) {
      double step = random.nextGaussian() * SIGMA_30S * scale;
      if (random.nextDouble() < JUMP_PROBABILITY) {
        step += (random.nextBoolean() ? 1 : -1) * (0.02 + random.nextDouble() * 0.03);
      }
      double volumeStep = Math.exp(random.nextGaussian() * 0.01);
      for (Coin c : coins) {
        double factor = Math.exp(step) * fxStep.get(c.seed.getVsCurrency());
        double previous = c.price;
        c.price = round(previous * factor);
        c.high = Math.max(c.high, c.price);
        c.low = Math.min(c.low, c.price);
        if (c.marketCap != null) {
          c.marketCap = (double) Math.round(c.marketCap * c.price / previous);
        }
        if (c.volume != null) {
          c.volume = (double) Math.round(c.volume * volumeStep);
        }
        batch.add(
            CoinQuote.newBuilder(c.seed)
                .setPrice(c.price)
                .setHigh24h(c.high)
                .setLow24h(c.low)
                .setMarketCap(c.marketCap)
                .setTotalVolume(c.volume)
                .setPriceChangePct24h(Math.round((c.price / c.open24h - 1) * 1e7) / 1e5)
                .setLastUpdated(now)
                .setSource(QuoteSource.SIMULATED)
                .build());
      }
    }
    return Optional.of(batch);
  }

  /** Prices keep the precision the API gives: 2 decimals above 1, 6 significant digits below. */
  private static double round(double price) {
    if (price >= 1) {
      return Math.round(price * 100) / 100.0;
    }
    double scale = Math.pow(10, 6 - Math.ceil(Math.log10(price)));
    return Math.round(price * scale) / scale;
  }

  @Override
  public String describe() {
    return "simulated random walk of " + byCoin.keySet() + " every " + interval.toSeconds() + " s";
  }
}
