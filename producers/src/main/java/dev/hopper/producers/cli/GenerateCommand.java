package dev.hopper.producers.cli;

import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.coingecko.Sleeper;
import dev.hopper.producers.csv.CsvOrderWriter;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.KafkaClients;
import dev.hopper.producers.kafka.Progress;
import dev.hopper.producers.kafka.RatePacer;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: deterministic synthetic catalog, customers, quotes, orders and payments. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Generates deterministic synthetic products, customers, quotes, orders and payments.",
      "",
      "Same --seed, same records. Sends them to Kafka, or writes its orders to a CSV in the dataset's format with --csv-out. Products and customers come first, then quotes, then orders and payments, then trailing records that close every window."
    })
public final class GenerateCommand extends ProducerCommand {

  @Option(
      names = "--orders",
      paramLabel = "N",
      description = "Order slots to generate (default ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  long orders;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of every random choice (default ${DEFAULT-VALUE}).",
      defaultValue = "42")
  long seed;

  @Option(
      names = "--bad-ratio",
      paramLabel = "R",
      description =
          "Share of invalid orders, payments and quotes, every kind the validation gate knows (default 0).",
      defaultValue = "0")
  double badRatio;

  @Option(
      names = "--late-ratio",
      paramLabel = "R",
      description = "Share of records sent far beyond grace (default 0).",
      defaultValue = "0")
  double lateRatio;

  @Option(
      names = "--disorder-ratio",
      paramLabel = "R",
      description = "Share of records sent out of order within grace (default: the late ratio).")
  Double disorderRatio;

  @Option(
      names = "--csv-out",
      paramLabel = "FILE",
      description = "Write the orders to this CSV instead of sending to Kafka.")
  Path csvOut;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      description = "Time of the first order, ISO-8601 (default: so that the run ends now).")
  String start;

  @Option(
      names = "--interval-ms",
      paramLabel = "MS",
      description = "Mean time between two orders (default ${DEFAULT-VALUE}).",
      defaultValue = "500")
  long intervalMs;

  @Option(
      names = "--products",
      paramLabel = "N",
      description = "Catalog size (default ${DEFAULT-VALUE}).",
      defaultValue = "120")
  int products;

  @Option(
      names = "--customers",
      paramLabel = "N",
      description = "Number of customers (default ${DEFAULT-VALUE}).",
      defaultValue = "600")
  int customers;

  @Option(names = "--no-quotes", description = "Do not generate quotes.")
  boolean noQuotes;

  @Option(
      names = "--no-trailers",
      description = "Do not append the trailing records that close every window.")
  boolean noTrailers;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Records a second (default: as fast as possible).",
      defaultValue = "0")
  double rate;

  @Override
  public Integer call() throws Exception {
    if (orders < 1 || orders > 1_000_000_000L) {
      throw usage("--orders must be between 1 and 1000000000, was " + orders);
    }
    requireRatio(this, "--bad-ratio", badRatio);
    requireRatio(this, "--late-ratio", lateRatio);
    double disorder = disorderRatio == null ? lateRatio : disorderRatio;
    requireRatio(this, "--disorder-ratio", disorder);
    if (badRatio + lateRatio + disorder > 1) {
      throw usage("--bad-ratio + --late-ratio + --disorder-ratio must not exceed 1");
    }
    if (intervalMs < 1) {
      throw usage("--interval-ms must be at least 1, was " + intervalMs);
    }
    if (products < 1 || customers < 1) {
      throw usage("--products and --customers must be at least 1");
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw usage("--rate must be 0 (as fast as possible) or a positive number, was " + rate);
    }
    Instant first = null;
    if (start != null) {
      try {
        first = Instant.parse(start);
      } catch (DateTimeParseException e) {
        throw usage("--start must be an ISO-8601 instant like 2024-11-21T00:00:00Z, was " + start);
      }
    }
    LayeredConfig config = config(Map.of());
    TopicCatalog catalog = TopicCatalog.from(config);
    GeneratorConfig.Builder builder =
        GeneratorConfig.builder()
            .seed(seed)
            .orders(orders)
            .orderInterval(Duration.ofMillis(intervalMs))
            .products(products)
            .customers(customers)
            .badRatio(badRatio)
            .lateRatio(lateRatio)
            .disorderRatio(disorder)
            .includeQuotes(!noQuotes)
            .trailers(!noTrailers)
            .partitions(catalog.spec(HopperTopic.SHOP_ORDERS).partitions());
    if (first == null) {
      Duration span = builder.build().span();
      first = Instant.now().minus(span).truncatedTo(ChronoUnit.SECONDS);
    }
    builder.start(first);
    if (csvOut != null) {
      return writeCsv(builder.build());
    }
    return interruptibly(() -> send(builder, config, catalog));
  }

  private int writeCsv(GeneratorConfig generator) throws Exception {
    Path parent = csvOut.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw usage("--csv-out: directory does not exist: " + parent);
    }
    long rows;
    try (Writer w = Files.newBufferedWriter(csvOut, StandardCharsets.UTF_8)) {
      rows = new CsvOrderWriter(w).writeAll(DataGenerator.stream(generator));
    }
    out()
        .printf(
            Locale.ROOT,
            "Wrote %,d order rows to %s (seed %d; payments and quotes have no place in the dataset"
                + " format)%n",
            rows,
            csvOut,
            seed);
    return 0;
  }

  private int send(GeneratorConfig.Builder builder, LayeredConfig config, TopicCatalog catalog)
      throws Exception {
    List<HopperTopic> topics =
        List.of(
            HopperTopic.SHOP_PRODUCTS,
            HopperTopic.SHOP_CUSTOMERS,
            HopperTopic.CRYPTO_QUOTES,
            HopperTopic.SHOP_ORDERS,
            HopperTopic.SHOP_PAYMENTS);
    Map<HopperTopic, Integer> partitions = KafkaClients.ensureTopics(config, catalog, topics);
    GeneratorConfig generator = builder.partitions(partitions.get(HopperTopic.SHOP_ORDERS)).build();
    Map<HopperTopic, Long> perTopic = new EnumMap<>(HopperTopic.class);
    Iterator<GeneratedRecord> source = DataGenerator.stream(generator);
    Iterator<GeneratedRecord> counted =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return source.hasNext();
          }

          @Override
          public GeneratedRecord next() {
            GeneratedRecord r = source.next();
            perTopic.merge(r.topic(), 1L, Long::sum);
            return r;
          }
        };
    long started = System.nanoTime();
    try (HopperProducer producer = HopperProducer.create(config, "hopper-generate")) {
      Progress progress = Progress.forConsole("records", -1);
      try {
        dev.hopper.producers.kafka.RecordPublisher.publish(
            counted, producer, progress, new RatePacer(rate, Sleeper.system(), System::nanoTime));
      } catch (InterruptedException e) {
        Thread.interrupted();
        producer.flush();
        out()
            .printf(
                Locale.ROOT, "Stopped: %,d records sent before the interrupt%n", producer.acked());
        return 1;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long total = perTopic.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder sb = new StringBuilder();
    perTopic.forEach(
        (t, n) ->
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%,d to %s", n, catalog.name(t))));
    out()
        .printf(
            Locale.ROOT,
            "Sent %,d records in %.1f s (%s); seed %d, events from %s%n",
            total,
            seconds,
            sb,
            seed,
            generator.start());
    return 0;
  }
}
