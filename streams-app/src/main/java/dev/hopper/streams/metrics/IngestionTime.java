package dev.hopper.streams.metrics;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The record header that carries an input record's ingestion time (its Kafka timestamp on the input
 * topic) through the topology to the outputs it causes, for the end-to-end latency metric: 8 bytes,
 * big-endian epoch milliseconds. It stays on output records, where it tells consumers when the
 * input that produced them entered Kafka.
 */
public final class IngestionTime {
  /** The header name. */
  public static final String HEADER = "hopper.ingested.at";

  private IngestionTime() {}

  /** A header holding {@code epochMillis}. */
  public static Header header(long epochMillis) {
    return new RecordHeader(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(epochMillis).array());
  }

  /** The ingestion time in {@code headers}, or -1 when absent or malformed. */
  public static long of(Headers headers) {
    if (headers == null) {
      return -1;
    }
    Header h = headers.lastHeader(HEADER);
    if (h == null || h.value() == null || h.value().length != Long.BYTES) {
      return -1;
    }
    return ByteBuffer.wrap(h.value()).getLong();
  }
}
