package dev.hopper.producers.generate;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.avro.Product;
import dev.hopper.topics.HopperTopic;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record to send: topic, String key, value (an Avro record, or raw bytes for a poison pill),
 * the Kafka record timestamp (the simulated ingestion time), and what the generator meant by it:
 * its {@link RecordLabel}, the {@link BadKind} when it is invalid, and planning {@link Tag}s.
 * Immutable.
 */
public final class GeneratedRecord {
  private final long sequence;
  private final HopperTopic topic;
  private final String key;
  private final SpecificRecord value;
  private final byte[] rawValue;
  private final Instant timestamp;
  private final RecordLabel label;
  private final BadKind badKind;
  private final Set<Tag> tags;

  GeneratedRecord(
      long sequence,
      HopperTopic topic,
      String key,
      SpecificRecord value,
      byte[] rawValue,
      Instant timestamp,
      RecordLabel label,
      BadKind badKind,
      Set<Tag> tags) {
    if ((value == null) == (rawValue == null)) {
      throw new IllegalArgumentException("exactly one of value and rawValue");
    }
    if ((label == RecordLabel.BAD) != (badKind != null)) {
      throw new IllegalArgumentException("a BAD record needs a bad kind, and only it");
    }
    this.sequence = sequence;
    this.topic = Objects.requireNonNull(topic);
    this.key = key;
    this.value = value;
    this.rawValue = rawValue == null ? null : rawValue.clone();
    this.timestamp = Objects.requireNonNull(timestamp);
    this.label = Objects.requireNonNull(label);
    this.badKind = badKind;
    this.tags =
        tags.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(tags));
  }

  /** Creation order inside one generation (ties of equal timestamps keep this order). */
  public long sequence() {
    return sequence;
  }

  /** The topic to send to. */
  public HopperTopic topic() {
    return topic;
  }

  /** The record key, a plain string as SPEC says. */
  public String key() {
    return key;
  }

  /** The Avro value, or null for a poison pill. */
  public SpecificRecord value() {
    return value;
  }

  /** The raw bytes of a poison pill, or null. */
  public byte[] rawValue() {
    return rawValue == null ? null : rawValue.clone();
  }

  /** Whether this is a poison pill (raw bytes instead of Avro). */
  public boolean isPoisonPill() {
    return rawValue != null;
  }

  /** The Kafka record timestamp: when the record is "ingested". */
  public Instant timestamp() {
    return timestamp;
  }

  /** What this record is for. */
  public RecordLabel label() {
    return label;
  }

  /** Why it is invalid, or null. */
  public BadKind badKind() {
    return badKind;
  }

  /** The planned scenario tags. */
  public Set<Tag> tags() {
    return tags;
  }

  /** Whether it carries {@code tag}. */
  public boolean has(Tag tag) {
    return tags.contains(tag);
  }

  /**
   * The event time in the payload (orderTime, paidAt, lastUpdated), or the timestamp for entities
   * and poison pills.
   */
  public Instant eventTime() {
    if (value instanceof Order o) {
      return o.getOrderTime();
    }
    if (value instanceof Payment p) {
      return p.getPaidAt();
    }
    if (value instanceof CoinQuote q) {
      return q.getLastUpdated();
    }
    return timestamp;
  }

  /** The value as an order, or null. */
  public Order order() {
    return value instanceof Order o ? o : null;
  }

  /** The value as a payment, or null. */
  public Payment payment() {
    return value instanceof Payment p ? p : null;
  }

  /** The value as a quote, or null. */
  public CoinQuote quote() {
    return value instanceof CoinQuote q ? q : null;
  }

  /** The value as a product, or null. */
  public Product product() {
    return value instanceof Product p ? p : null;
  }

  /** The value as a customer, or null. */
  public Customer customer() {
    return value instanceof Customer c ? c : null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GeneratedRecord r)) {
      return false;
    }
    return sequence == r.sequence
        && topic == r.topic
        && Objects.equals(key, r.key)
        && Objects.equals(value, r.value)
        && Arrays.equals(rawValue, r.rawValue)
        && timestamp.equals(r.timestamp)
        && label == r.label
        && badKind == r.badKind
        && tags.equals(r.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, topic, key, value, Arrays.hashCode(rawValue), timestamp, label);
  }

  @Override
  public String toString() {
    return topic.defaultName()
        + "["
        + key
        + "]@"
        + timestamp
        + " "
        + label
        + (badKind == null ? "" : "/" + badKind)
        + (tags.isEmpty() ? "" : " " + tags)
        + " "
        + (value == null ? rawValue.length + " raw bytes" : value.toString());
  }
}
