package dev.hopper.streams;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports state restoration in one line per restore, not one per store partition: when stores
 * restore from their changelogs (a new instance, a wiped state directory, a task moving), it adds
 * up the records restored by every stream thread and the global thread, and when the application
 * reaches RUNNING it logs {@code Restored N records into M store partitions in T ms (R records/s)}.
 * Operators see how long a restart took; the benchmark reads its restore rate from this line.
 */
public final class RestoreLog implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

  private final LongSupplier nanoTime;
  private long records;
  private int storePartitions;
  private int active;
  private long firstStart = -1;
  private long lastEnd;

  /** A log on the system clock. */
  public RestoreLog() {
    this(System::nanoTime);
  }

  /** A log on {@code nanoTime} (tests). */
  RestoreLog(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** What has been restored since the last report. */
  public record Summary(long records, int storePartitions, long millis) {
    /** Records restored per second of restoration. */
    public double recordsPerSecond() {
      return millis == 0 ? records * 1000.0 : records * 1000.0 / millis;
    }
  }

  @Override
  public synchronized void onRestoreStart(
      TopicPartition partition, String store, long startingOffset, long endingOffset) {
    if (firstStart < 0) {
      firstStart = nanoTime.getAsLong();
    }
    active++;
  }

  @Override
  public synchronized void onBatchRestored(
      TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    records += numRestored;
  }

  @Override
  public synchronized void onRestoreEnd(TopicPartition partition, String store, long total) {
    active = Math.max(0, active - 1);
    storePartitions++;
    lastEnd = nanoTime.getAsLong();
  }

  @Override
  public synchronized void onRestoreSuspended(
      TopicPartition partition, String store, long totalRestored) {
    active = Math.max(0, active - 1);
    lastEnd = nanoTime.getAsLong();
  }

  /**
   * Takes the summary of the restoration since the last one, if any store restored, and starts
   * counting afresh.
   */
  public synchronized Optional<Summary> takeSummary() {
    if (firstStart < 0 || storePartitions == 0) {
      return Optional.empty();
    }
    long end = active > 0 ? nanoTime.getAsLong() : lastEnd;
    Summary s =
        new Summary(records, storePartitions, TimeUnit.NANOSECONDS.toMillis(end - firstStart));
    records = 0;
    storePartitions = 0;
    firstStart = -1;
    return Optional.of(s);
  }

  /** Logs the summary when the application reaches RUNNING after a restoration. */
  public void onStateChange(KafkaStreams.State now) {
    if (now == KafkaStreams.State.RUNNING) {
      takeSummary()
          .ifPresent(
              s ->
                  LOG.info(
                      "Restored {} records into {} store partitions in {} ms ({} records/s)",
                      s.records(),
                      s.storePartitions(),
                      s.millis(),
                      Math.round(s.recordsPerSecond())));
    }
  }
}
