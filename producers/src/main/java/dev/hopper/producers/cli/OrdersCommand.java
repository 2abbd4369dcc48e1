package dev.hopper.producers.cli;

import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.coingecko.Sleeper;
import dev.hopper.producers.csv.CsvReplay;
import dev.hopper.producers.csv.OrderCsvReader;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.KafkaClients;
import dev.hopper.producers.kafka.Progress;
import dev.hopper.producers.kafka.RatePacer;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code orders}: replays a CSV in the e-commerce dataset's format. */
@Command(
    name = "orders",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Replays a CSV in the e-commerce dataset's format as orders, products and customers.",
      "",
      "The header must be User_ID,Product_ID,Category,Price (Rs.),Discount (%%),Final_Price(Rs.),Payment_Method,Purchase_Date with dates as DD-MM-YYYY. Each row becomes an order (same file, same order ids); each product and customer is sent once before its first order; rows that cannot be parsed go to hopper.rejected with their line number and reason."
    })
public final class OrdersCommand extends ProducerCommand {

  @Option(names = "--csv", paramLabel = "FILE", required = true, description = "The CSV file.")
  Path csv;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "0",
      description = "Orders a second (default: as fast as possible).")
  double rate;

  @Option(
      names = "--rebase-to-now",
      description = "Shift all event times so the file's latest one is now (for live demos).")
  boolean rebaseToNow;

  @Override
  public Integer call() throws Exception {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw usage("--rate must be 0 (as fast as possible) or a positive number, was " + rate);
    }
    if (!Files.isRegularFile(csv)) {
      throw new NoSuchFileException(csv.toString());
    }
    // A wrong header fails here, before anything touches Kafka.
    try (OrderCsvReader header = OrderCsvReader.open(csv)) {
      header.lineNumber();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(csv.getFileName() + " " + e.getMessage(), e);
    }
    LayeredConfig config = config(Map.of());
    TopicCatalog catalog = TopicCatalog.from(config);
    KafkaClients.ensureTopics(
        config,
        catalog,
        List.of(
            HopperTopic.SHOP_PRODUCTS,
            HopperTopic.SHOP_CUSTOMERS,
            HopperTopic.SHOP_ORDERS,
            HopperTopic.REJECTED));
    return interruptibly(
        () -> {
          try (HopperProducer producer = HopperProducer.create(config, "hopper-orders")) {
            CsvReplay.Summary summary;
            try {
              summary =
                  new CsvReplay(producer, Clock.systemUTC())
                      .replay(
                          csv,
                          rebaseToNow,
                          new RatePacer(rate, Sleeper.system(), System::nanoTime),
                          Progress.forConsole("rows", -1));
            } catch (InterruptedException e) {
              Thread.interrupted();
              producer.flush();
              out().println("Stopped before the end of " + csv.getFileName());
              return 1;
            }
            out().println(summary.describe(csv.getFileName().toString()));
            return 0;
          }
        });
  }
}
