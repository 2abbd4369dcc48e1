package dev.hopper.producers.generate;

import dev.hopper.topics.HopperTopic;
import java.util.Comparator;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/** A record waiting for its send time inside a timeline; numbered when it leaves the generator. */
record Pending(
    long creation,
    HopperTopic topic,
    String key,
    SpecificRecord value,
    byte[] rawValue,
    long sendMs,
    RecordLabel label,
    BadKind badKind,
    Set<Tag> tags) {

  /** By send time, then creation order: the order records leave a timeline. */
  static final Comparator<Pending> SEND_ORDER =
      Comparator.comparingLong(Pending::sendMs).thenComparingLong(Pending::creation);

  GeneratedRecord toRecord(long sequence) {
    return new GeneratedRecord(
        sequence,
        topic,
        key,
        value,
        rawValue,
        java.time.Instant.ofEpochMilli(sendMs),
        label,
        badKind,
        tags);
  }
}
