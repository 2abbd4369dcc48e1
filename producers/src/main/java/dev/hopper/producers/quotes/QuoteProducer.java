package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.topics.HopperTopic;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves quotes from a {@link QuoteFeed} to {@code crypto.quotes}, keyed {@code coinId:vsCurrency},
 * skipping quotes whose {@code lastUpdated} did not change. The record timestamp is the quote's
 * {@code lastUpdated}, or now when that lies in the future (the validation gate then rejects the
 * quote as implausible instead of the broker refusing it). Runs in the caller's thread ({@link
 * #run()}) or its own ({@link #start()} / {@link #close()}).
 */
public final class QuoteProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuoteProducer.class);

  private final QuoteFeed feed;
  private final HopperProducer producer;
  private final Clock clock;
  private final QuoteDeduplicator dedup = new QuoteDeduplicator();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running;
  private Thread thread;

  /** Quotes from {@code feed} to {@code producer} (neither is closed by this, but the feed is). */
  public QuoteProducer(QuoteFeed feed, HopperProducer producer, Clock clock) {
    this.feed = feed;
    this.producer = producer;
    this.clock = clock;
  }

  /** Produces until the feed ends, {@link #close()} is called, or a send fails (rethrown). */
  public void run() throws InterruptedException {
    running = true;
    try {
      while (running) {
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
      running = false;
      feed.close();
    }
  }

  /** Starts {@link #run()} on a daemon thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    thread =
        new Thread(
            () -> {
              try {
                run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                failure.set(e);
                LOG.error("Quote producer stopped: {}", e.getMessage());
              }
            },
            "hopper-quotes");
    thread.setDaemon(true);
    thread.start();
  }

  /** Quotes sent so far. */
  public long sent() {
    return sent.get();
  }

  /** Quotes skipped because their {@code lastUpdated} did not change. */
  public long unchanged() {
    return dedup.dropped();
  }

  /** Whether it is producing. */
  public boolean isRunning() {
    return running;
  }

  /** Why it stopped on its own, if it did. */
  public Throwable failure() {
    return failure.get();
  }

  /** Which feed it reads. */
  public String describe() {
    return feed.describe();
  }

  /** Stops (interrupting a wait for the next batch) and waits for the thread. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
