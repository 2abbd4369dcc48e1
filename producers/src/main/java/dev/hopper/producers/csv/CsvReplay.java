package dev.hopper.producers.csv;

import dev.hopper.avro.Order;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.Progress;
import dev.hopper.producers.kafka.RatePacer;
import dev.hopper.topics.HopperTopic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a CSV of the e-commerce dataset into Kafka: each row becomes an {@code Order}; each
 * product and customer is sent once, just before the first order that names it and with the same
 * timestamp; each row that cannot be parsed goes to {@code hopper.rejected} with its line number,
 * reason and raw text. The file streams: memory grows only by 8 bytes per distinct id.
 *
 * <p>Record timestamps are the orders' event times (so years-old files keep their dates; topics
 * keep data by size), but never later than now: a row dated in the future is sent stamped now, and
 * the streams validation gate rejects it as implausible.
 */
public final class CsvReplay {
  private static final Logger LOG = LoggerFactory.getLogger(CsvReplay.class);
  private static final int LOGGED_REJECTS = 20;

  private final HopperProducer producer;
  private final Clock clock;

  /** A replay sending through {@code producer} (not closed by this). */
  public CsvReplay(HopperProducer producer, Clock clock) {
    this.producer = producer;
    this.clock = clock;
  }

  /** What a replay did. */
  public record Summary(
      long rows,
      long orders,
      long products,
      long customers,
      long rejected,
      long blankLines,
      Map<RowError.Kind, Long> rejectedByKind,
      Duration shift) {

    /** One line for the log and the console. */
    public String describe(String file) {
      return String.format(
          java.util.Locale.ROOT,
          "%s: %,d rows: sent %,d orders, %,d products, %,d customers; rejected %,d rows%s",
          file,
          rows,
          orders,
          products,
          customers,
          rejected,
          rejected == 0 ? "" : " " + rejectedByKind + " (see hopper.rejected)");
    }
  }

  /**
   * Replays {@code file}.
   *
   * @param rebaseToNow shift every event time so the file's latest one is now
   * @param pacer the rate of orders (rows)
   * @param progress progress reporter, or null
   * @throws CsvHeaderException when the header is wrong (nothing is sent then)
   */
  public Summary replay(Path file, boolean rebaseToNow, RatePacer pacer, Progress progress)
      throws IOException, InterruptedException {
    Duration shift = Duration.ZERO;
    if (rebaseToNow) {
      Instant latest = latestEventTime(file);
      if (latest != null) {
        shift = Duration.between(latest, clock.instant().truncatedTo(ChronoUnit.MILLIS));
      }
    }
    String source = "csv:" + file.getFileName();
    FingerprintSet products = new FingerprintSet();
    FingerprintSet customers = new FingerprintSet();
    Map<RowError.Kind, Long> byKind = new EnumMap<>(RowError.Kind.class);
    long rows = 0;
    long orders = 0;
    long rejected = 0;
    long blank;
    try (OrderCsvReader reader = OrderCsvReader.open(file)) {
      Optional<CsvRow> next;
      while ((next = reader.next()).isPresent()) {
        CsvRow row = next.get();
        rows++;
        pacer.acquire();
        Instant now = clock.instant();
        if (row.isValid()) {
          Order order = CsvOrders.toOrder(row, shift);
          Instant ts = order.getOrderTime().isAfter(now) ? now : order.getOrderTime();
          if (products.add(row.order().productId())) {
            producer.send(
                HopperTopic.SHOP_PRODUCTS,
                order.getProductId(),
                CsvOrders.toProduct(row.order()),
                ts);
          }
          if (customers.add(row.order().customerId())) {
            producer.send(
                HopperTopic.SHOP_CUSTOMERS,
                order.getCustomerId(),
                CsvOrders.toCustomer(row.order()),
                ts);
          }
          producer.send(HopperTopic.SHOP_ORDERS, order.getOrderId(), order, ts);
          orders++;
        } else {
          rejected++;
          byKind.merge(row.error().kind(), 1L, Long::sum);
          if (rejected <= LOGGED_REJECTS) {
            LOG.warn(
                "{} line {}: rejected, {}: {}",
                file.getFileName(),
                row.lineNumber(),
                row.error().kind(),
                row.error().message());
          } else if (rejected == LOGGED_REJECTS + 1) {
            LOG.warn("{}: more rejected rows, not logged one by one", file.getFileName());
          }
          producer.send(HopperTopic.REJECTED, null, rejected(source, row, now), now);
        }
        if (progress != null) {
          progress.advance(1);
        }
      }
      blank = reader.blankLines();
    }
    producer.flush();
    if (progress != null) {
      progress.finish();
    }
    return new Summary(
        rows, orders, products.size(), customers.size(), rejected, blank, byKind, shift);
  }

  /** The dead letter of an unparsable row: its line, reason and raw text. */
  static RejectedRecord rejected(String source, CsvRow row, Instant now) {
    return RejectedRecord.newBuilder()
        .setSourceTopic(source)
        .setLineNumber(row.lineNumber())
        .setRawValue(ByteBuffer.wrap(row.rawLine().getBytes(StandardCharsets.UTF_8)))
        .setRules(List.of(row.error().kind().ruleName()))
        .setMessage("line " + row.lineNumber() + ": " + row.error().message())
        .setRejectedAt(now)
        .build();
  }

  /** The latest event time of any parsable row, or null when none parses. */
  static Instant latestEventTime(Path file) throws IOException {
    Instant latest = null;
    try (OrderCsvReader reader = OrderCsvReader.open(file)) {
      Optional<CsvRow> next;
      while ((next = reader.next()).isPresent()) {
        if (next.get().isValid()) {
          Instant t = CsvOrders.identity(next.get()).eventTime();
          if (latest == null || t.isAfter(latest)) {
            latest = t;
          }
        }
      }
    }
    return latest;
  }
}
