package dev.hopper.producers.cli;

import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.coingecko.CoinGeckoSettings;
import dev.hopper.producers.coingecko.Sleeper;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.KafkaClients;
import dev.hopper.producers.quotes.QuoteFeed;
import dev.hopper.producers.quotes.QuoteFeeds;
import dev.hopper.producers.quotes.QuoteProducer;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quotes}: CoinGecko market quotes, live, replayed or simulated. */
@Command(
    name = "quotes",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Sends CoinGecko market quotes (live, replayed or simulated) to crypto.quotes.",
      "",
      "Keyed coinId:vsCurrency. Sources: live CoinGecko (/coins/markets every coingecko.poll.interval.ms, key from COINGECKO_API_KEY, plan from coingecko.plan=demo|pro), a replay of a recording (default: the bundled synthetic one), or an endless simulation. auto tries live and falls back to the replay, then simulates."
    })
public final class QuotesCommand extends ProducerCommand {

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      defaultValue = "auto",
      converter = SourceConverter.class,
      description = "auto, live, replay or simulate (default ${DEFAULT-VALUE}).")
  QuoteFeeds.Source source;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Recording to replay (or to seed the simulation); default: the bundled one.")
  Path file;

  @Option(
      names = "--speedup",
      paramLabel = "X",
      defaultValue = "1",
      description = "Replay X times faster than recorded (default ${DEFAULT-VALUE}).")
  double speedup;

  @Option(
      names = "--record",
      paramLabel = "FILE",
      description = "Append every live response to FILE (JSON lines) for later replay.")
  Path record;

  @Option(
      names = "--keep-timestamps",
      description =
          "Replay with the recorded lastUpdated (default: --source replay shifts them to end"
              + " now; the fallback of auto moves them to the wall clock as it sends).")
  boolean keepTimestamps;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the simulation (default: random).")
  Long seed;

  /** Parses the source case-insensitively with a clear message. */
  static final class SourceConverter
      implements picocli.CommandLine.ITypeConverter<QuoteFeeds.Source> {
    @Override
    public QuoteFeeds.Source convert(String value) {
      try {
        return QuoteFeeds.Source.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not one of auto, live, replay, simulate");
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!(speedup > 0) || Double.isInfinite(speedup)) {
      throw usage("--speedup must be a positive number, was " + speedup);
    }
    if (record != null
        && (source == QuoteFeeds.Source.REPLAY || source == QuoteFeeds.Source.SIMULATE)) {
      throw usage("--record only records live responses (--source live or auto)");
    }
    if (file != null && source == QuoteFeeds.Source.LIVE) {
      throw usage("--file is for --source replay, simulate or auto");
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    LayeredConfig config = config(Map.of());
    CoinGeckoSettings settings = CoinGeckoSettings.from(config);
    TopicCatalog catalog = TopicCatalog.from(config);
    KafkaClients.ensureTopics(config, catalog, List.of(HopperTopic.CRYPTO_QUOTES));
    Clock clock = Clock.systemUTC();
    return interruptibly(
        () -> {
          try (HopperProducer producer = HopperProducer.create(config, "hopper-quotes")) {
            QuoteFeed feed = feed(settings, clock);
            QuoteProducer quotes = new QuoteProducer(feed, producer, clock);
            try {
              quotes.run();
            } catch (InterruptedException e) {
              Thread.interrupted();
              producer.flush();
            }
            out()
                .printf(
                    Locale.ROOT,
                    "Sent %,d quotes (%,d unchanged skipped) from %s%n",
                    quotes.sent(),
                    quotes.unchanged(),
                    feed.describe());
            return 0;
          }
        });
  }

  private QuoteFeed feed(CoinGeckoSettings settings, Clock clock) throws IOException {
    return QuoteFeeds.create(
        new QuoteFeeds.Options(
            source,
            file,
            speedup,
            keepTimestamps,
            record,
            seed == null ? System.nanoTime() : seed,
            null),
        settings,
        clock,
        Sleeper.system());
  }
}
