package dev.hopper.producers.generate;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.QuoteSource;
import dev.hopper.producers.quotes.QuoteKeys;
import dev.hopper.producers.quotes.SimulatedQuoteFeed;
import dev.hopper.topics.HopperTopic;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Quotes of the configured coins in USD and INR, one tick every {@code quoteInterval} from {@code
 * start + quoteDelay} to the end of the orders, as a random walk from the bundled recording's
 * prices. The two currencies of a coin move together (INR = USD x a slowly drifting rate), so
 * bitcoin in INR and USD give a consistent INR to USD rate. Late quotes are only made for coins
 * other than bitcoin: a quote that arrives late must not change which quote values an order.
 */
final class QuoteTimeline implements Iterator<Pending> {

  private static final String ENRICHMENT_COIN = "bitcoin";
  private static final List<String> CURRENCIES = List.of("usd", "inr");
  private static final double SIGMA_30S = 0.0009;
  private static final double JUMP_PROBABILITY = 0.005;
  private static final double DEFAULT_USD_INR = 84.4;
  private static final long MINUTE = 60_000;
  private static final long DAY = 24 * 60 * MINUTE;
  private static final long Y2000 = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  private static final List<BadKind> BAD_QUOTES = BadKind.forTopic(HopperTopic.CRYPTO_QUOTES);

  /** Ticks at the start that are never bad, late or disordered: they define the first quote. */
  static final int CLEAN_TICKS = 2;

  private static final class Coin {
    final String id;
    final String symbol;
    final String name;
    final double supply;
    double usd;
    double volumeUsd;
    double open24hUsd;
    double highUsd;
    double lowUsd;

    Coin(String id, String symbol, String name, double usd, double supply, double volumeUsd) {
      this.id = id;
      this.symbol = symbol;
      this.name = name;
      this.usd = usd;
      this.supply = supply;
      this.volumeUsd = volumeUsd;
      this.open24hUsd = usd;
      this.highUsd = usd * 1.01;
      this.lowUsd = usd * 0.99;
    }
  }

  private final GeneratorConfig config;
  private final SplittableRandom random;
  private final List<Coin> coins = new ArrayList<>();
  private final PriorityQueue<Pending> waiting = new PriorityQueue<>(Pending.SEND_ORDER);
  private final ArrayDeque<Pending> ready = new ArrayDeque<>();
  private final long firstTick;
  private final long intervalMs;
  private final long endMs;
  private double usdInr;
  private long tick;
  private long creation;
  private int bad;
  private int poisonPills;
  private boolean done;

  QuoteTimeline(GeneratorConfig config, SplittableRandom random) {
    this.config = config;
    this.random = random;
    this.firstTick = firstQuote(config).toEpochMilli();
    this.intervalMs = config.quoteInterval().toMillis();
    this.endMs = config.ordersEnd().toEpochMilli();
    Map<String, CoinQuote> seeds = Seeds.BUNDLED;
    CoinQuote btcUsd = seeds.get("bitcoin:usd");
    CoinQuote btcInr = seeds.get("bitcoin:inr");
    usdInr =
        btcUsd != null && btcInr != null ? btcInr.getPrice() / btcUsd.getPrice() : DEFAULT_USD_INR;
    for (String id : config.coins()) {
      CoinQuote s = seeds.get(id + ":usd");
      if (s != null && s.getPrice() != null && s.getPrice() > 0) {
        double supply = s.getMarketCap() == null ? 1e9 : s.getMarketCap() / s.getPrice();
        double volume = s.getTotalVolume() == null ? 1e8 : s.getTotalVolume();
        coins.add(new Coin(id, s.getSymbol(), s.getName(), s.getPrice(), supply, volume));
      } else {
        coins.add(new Coin(id, id.substring(0, Math.min(3, id.length())), id, 100.0, 1e9, 1e8));
      }
    }
  }

  /** Event time of the first tick. */
  static Instant firstQuote(GeneratorConfig config) {
    return config.start().plus(config.quoteDelay());
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !done) {
      step();
    }
    return !ready.isEmpty();
  }

  @Override
  public Pending next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void step() {
    long t = firstTick + tick * intervalMs;
    if (t < endMs) {
      tick(t, tick < CLEAN_TICKS);
      tick++;
      while (!waiting.isEmpty() && waiting.peek().sendMs() <= t) {
        ready.add(waiting.poll());
      }
      return;
    }
    while (!waiting.isEmpty()) {
      ready.add(waiting.poll());
    }
    if (config.trailers()) {
      long trailer = config.trailerTime().toEpochMilli();
      for (Coin c : coins) {
        for (String vs : CURRENCIES) {
          CoinQuote q = quote(c, vs, trailer);
          ready.add(pending(QuoteKeys.key(q), q, null, trailer, RecordLabel.TRAILER, null));
        }
      }
    }
    done = true;
  }

  private void tick(long t, boolean clean) {
    double scale = Math.sqrt(intervalMs / 30_000.0);
    usdInr *= Math.exp(random.nextGaussian() * 0.00005 * scale);
    for (Coin c : coins) {
      double step = random.nextGaussian() * SIGMA_30S * scale;
      if (random.nextDouble() < JUMP_PROBABILITY) {
        step += (random.nextBoolean() ? 1 : -1) * (0.025 + random.nextDouble() * 0.02);
      }
      c.usd *= Math.exp(step);
      c.highUsd = Math.max(c.highUsd, c.usd);
      c.lowUsd = Math.min(c.lowUsd, c.usd);
      c.volumeUsd *= Math.exp(random.nextGaussian() * 0.01);
      for (String vs : CURRENCIES) {
        CoinQuote q = quote(c, vs, t);
        String key = QuoteKeys.key(q);
        if (!clean && random.nextDouble() < config.badRatio()) {
          badQuote(q, t);
        }
        double roll = random.nextDouble();
        if (!clean && roll < config.lateRatio() && !c.id.equals(ENRICHMENT_COIN)) {
          pushQuote(key, q, t + config.quoteLateness().toMillis(), RecordLabel.LATE);
        } else if (!clean && roll < config.lateRatio() + config.disorderRatio()) {
          long d = 1 + random.nextLong(config.quoteDisorder().toMillis());
          pushQuote(key, q, t + d, RecordLabel.DISORDERED);
        } else {
          pushQuote(key, q, t, RecordLabel.ON_TIME);
        }
      }
    }
  }

  private CoinQuote quote(Coin c, String vs, long t) {
    double rate = vs.equals("usd") ? 1.0 : usdInr;
    double price = round(c.usd * rate);
    // The API omits the market cap now and then; candles keep it nullable.
    Double marketCap = random.nextInt(50) == 0 ? null : (double) Math.round(price * c.supply);
    return CoinQuote.newBuilder()
        .setCoinId(c.id)
        .setSymbol(c.symbol)
        .setName(c.name)
        .setVsCurrency(vs)
        .setPrice(price)
        .setMarketCap(marketCap)
        .setTotalVolume((double) Math.round(c.volumeUsd * rate))
        .setHigh24h(round(c.highUsd * rate))
        .setLow24h(round(c.lowUsd * rate))
        .setPriceChangePct24h(Math.round((c.usd / c.open24hUsd - 1) * 1e7) / 1e5)
        .setLastUpdated(Instant.ofEpochMilli(t))
        .setSource(QuoteSource.SIMULATED)
        .build();
  }

  private void badQuote(CoinQuote valid, long t) {
    BadKind kind = BAD_QUOTES.get(bad++ % BAD_QUOTES.size());
    String key = QuoteKeys.key(valid);
    if (kind.isPoisonPill()) {
      waiting.add(
          pending(key, null, PoisonPills.make(poisonPills++, random), t, RecordLabel.BAD, kind));
      return;
    }
    CoinQuote.Builder b = CoinQuote.newBuilder(valid);
    switch (kind) {
      case QUOTE_PRICE_NOT_POSITIVE -> b.setPrice(random.nextBoolean() ? 0.0 : -valid.getPrice());
      case QUOTE_TIME_TOO_OLD ->
          b.setLastUpdated(Instant.ofEpochMilli(random.nextLong(Y2000 - DAY)));
      case QUOTE_TIME_IN_FUTURE ->
          b.setLastUpdated(Instant.ofEpochMilli(t + 10 * MINUTE + random.nextLong(30 * DAY)));
      default -> throw new IllegalStateException("not a quote kind: " + kind);
    }
    waiting.add(pending(key, b.build(), null, t, RecordLabel.BAD, kind));
  }

  private void pushQuote(String key, CoinQuote q, long send, RecordLabel label) {
    waiting.add(pending(key, q, null, send, label, null));
  }

  private Pending pending(
      String key, CoinQuote value, byte[] raw, long sendMs, RecordLabel label, BadKind kind) {
    return new Pending(
        creation++, HopperTopic.CRYPTO_QUOTES, key, value, raw, sendMs, label, kind, Set.of());
  }

  private static double round(double price) {
    if (price >= 1) {
      return Math.round(price * 100) / 100.0;
    }
    double scale = Math.pow(10, 6 - Math.ceil(Math.log10(price)));
    return Math.round(price * scale) / scale;
  }

  /** The last bundled quote of every coin and currency, read once. */
  private static final class Seeds {
    static final Map<String, CoinQuote> BUNDLED = load();

    private static Map<String, CoinQuote> load() {
      Collection<CoinQuote> quotes = SimulatedQuoteFeed.bundledSeeds();
      Map<String, CoinQuote> map = new LinkedHashMap<>();
      quotes.forEach(q -> map.put(QuoteKeys.key(q), q));
      return Map.copyOf(map);
    }
  }
}
