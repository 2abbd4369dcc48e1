package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.producers.kafka.BackgroundLoop;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.topics.HopperTopic;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves quotes from a {@link QuoteFeed} to {@code crypto.quotes}, keyed {@code coinId:vsCurrency},
 * skipping quotes whose {@code lastUpdated} did not change. The record timestamp is the quote's
 * {@code lastUpdated}, or now when that lies in the future (the validation gate then rejects the
 * quote as implausible instead of the broker refusing it). Runs in the caller's thread ({@link
 * #run()}) or its own ({@link #start()} / {@link #close()}).
 */
public final class QuoteProducer extends BackgroundLoop {
  private static final Logger LOG = LoggerFactory.getLogger(QuoteProducer.class);

  private final QuoteFeed feed;
  private final HopperProducer producer;
  private final Clock clock;
  private final QuoteDeduplicator dedup = new QuoteDeduplicator();
  private final AtomicLong sent = new AtomicLong();

  /** Quotes from {@code feed} to {@code producer} (neither is closed by this, but the feed is). */
  public QuoteProducer(QuoteFeed feed, HopperProducer producer, Clock clock) {
    super("hopper-quotes");
    this.feed = feed;
    this.producer = producer;
    this.clock = clock;
  }

  /** Produces until the feed ends, {@link #close()} is called, or a send fails (rethrown). */
  public void run() throws InterruptedException {
    runHere();
  }

  @Override
  protected void loop() throws InterruptedException {
    try {
      while (running()) {
        Optional<List<CoinQuote>> batch = feed.next();
        if (batch.isEmpty()) {
          break;
        }
        Instant now = clock.instant();
        for (CoinQuote q : batch.get()) {
          if (dedup.accept(q)) {
            Instant ts = q.getLastUpdated().isAfter(now) ? now : q.getLastUpdated();
            producer.send(HopperTopic.CRYPTO_QUOTES, QuoteKeys.key(q), q, ts);
            sent.incrementAndGet();
          }
        }
      }
      producer.flush();
    } finally {
      feed.close();
    }
  }

  /** Quotes sent so far. */
  public long sent() {
    return sent.get();
  }

  /** Quotes skipped because their {@code lastUpdated} did not change. */
  public long unchanged() {
    return dedup.dropped();
  }

  /** Which feed it reads. */
  public String describe() {
    return feed.describe();
  }
}
