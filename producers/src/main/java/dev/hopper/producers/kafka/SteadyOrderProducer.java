package dev.hopper.producers.kafka;

import dev.hopper.producers.coingecko.Sleeper;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces synthetic orders and payments continuously at a steady rate, in real time: the
 * generator's endless stream anchored at the start, each record sent when the wall clock reaches
 * its timestamp (products and customers first). For the all-in-one launcher and demos; {@link
 * #start()} runs it on its own thread, {@link #close()} stops it.
 */
public final class SteadyOrderProducer extends BackgroundLoop {
  private static final Logger LOG = LoggerFactory.getLogger(SteadyOrderProducer.class);
  private static final Duration MAX_NAP = Duration.ofMillis(200);

  private final HopperProducer producer;
  private final GeneratorConfig config;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AtomicLong sent = new AtomicLong();

  /**
   * @param producer where records go (not closed by this)
   * @param config an endless configuration, see {@link #steadyConfig}
   */
  public SteadyOrderProducer(
      HopperProducer producer, GeneratorConfig config, Clock clock, Sleeper sleeper) {
    super("hopper-order-generator");
    this.producer = producer;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * An endless order stream starting at {@code start}: {@code ordersPerSecond} on average, no
   * quotes (those come from the quote feed), no trailers, one stream merged by time.
   */
  public static GeneratorConfig steadyConfig(
      long seed, Instant start, double ordersPerSecond, double badRatio, double lateRatio) {
    if (!(ordersPerSecond > 0) || ordersPerSecond > 100_000) {
      throw new IllegalArgumentException("orders per second must be in (0, 100000]");
    }
    return GeneratorConfig.builder()
        .seed(seed)
        .orders(GeneratorConfig.UNLIMITED)
        .start(start)
        .orderInterval(Duration.ofNanos(Math.max(1_000_000L, (long) (1e9 / ordersPerSecond))))
        .includeQuotes(false)
        .quotesFirst(false)
        .trailers(false)
        .badRatio(badRatio)
        .lateRatio(lateRatio)
        .disorderRatio(lateRatio)
        .build();
  }

  @Override
  protected void loop() throws InterruptedException {
    LOG.info(
        "Generating orders every {} ms on average (seed {}, bad {}, late {})",
        config.orderInterval().toMillis(),
        config.seed(),
        config.badRatio(),
        config.lateRatio());
    Iterator<GeneratedRecord> records = DataGenerator.stream(config);
    while (running() && records.hasNext()) {
      GeneratedRecord r = records.next();
      while (running()) {
        Duration wait = Duration.between(clock.instant(), r.timestamp());
        if (wait.isNegative() || wait.isZero()) {
          break;
        }
        sleeper.sleep(wait.compareTo(MAX_NAP) > 0 ? MAX_NAP : wait);
      }
      if (!running()) {
        break;
      }
      producer.send(r);
      sent.incrementAndGet();
    }
  }

  /** Records handed to the producer so far. */
  public long sent() {
    return sent.get();
  }
}
