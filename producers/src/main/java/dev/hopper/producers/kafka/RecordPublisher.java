package dev.hopper.producers.kafka;

import dev.hopper.producers.generate.GeneratedRecord;
import java.util.Iterator;

/**
 * Sends generated records to Kafka in their order, each with its key, value and timestamp, then
 * flushes: when it returns, every record is acknowledged, or it throws {@link SendFailedException}.
 */
public final class RecordPublisher {
  private RecordPublisher() {}

  /** Sends all of {@code records} as fast as the producer allows. */
  public static long publish(Iterable<GeneratedRecord> records, HopperProducer producer) {
    try {
      return publish(records.iterator(), producer, null, RatePacer.unlimited());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SendFailedException("interrupted while sending", e);
    }
  }

  /**
   * Sends every record of {@code records}, paced by {@code pacer}, reporting to {@code progress}
   * (may be null), and flushes.
   *
   * @return the number of records sent and acknowledged
   */
  public static long publish(
      Iterator<GeneratedRecord> records,
      HopperProducer producer,
      Progress progress,
      RatePacer pacer)
      throws InterruptedException {
    long n = 0;
    while (records.hasNext()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      pacer.acquire();
      producer.send(records.next());
      n++;
      if (progress != null) {
        progress.advance(1);
      }
    }
    producer.flush();
    if (progress != null) {
      progress.finish();
    }
    return n;
  }
}
