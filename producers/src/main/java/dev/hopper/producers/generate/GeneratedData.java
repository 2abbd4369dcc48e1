package dev.hopper.producers.generate;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.avro.Product;
import dev.hopper.topics.HopperTopic;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A finite generated data set: every record in send order, with its label, bad kind and tags, so a
 * test can send exactly these records and recompute the expected results offline.
 */
public final class GeneratedData {
  private final GeneratorConfig config;
  private final Catalog catalog;
  private final List<GeneratedRecord> records;

  GeneratedData(GeneratorConfig config, Catalog catalog, List<GeneratedRecord> records) {
    this.config = config;
    this.catalog = catalog;
    this.records = Collections.unmodifiableList(records);
  }

  /** The configuration that made this data. */
  public GeneratorConfig config() {
    return config;
  }

  /** Every record, in send order. */
  public List<GeneratedRecord> records() {
    return records;
  }

  /** The records of one topic, in send order. */
  public List<GeneratedRecord> records(HopperTopic topic) {
    return records.stream().filter(r -> r.topic() == topic).toList();
  }

  /** The records with one label, in send order. */
  public List<GeneratedRecord> withLabel(RecordLabel label) {
    return records.stream().filter(r -> r.label() == label).toList();
  }

  /** The invalid records of one kind. */
  public List<GeneratedRecord> bad(BadKind kind) {
    return records.stream().filter(r -> r.badKind() == kind).toList();
  }

  /** The catalog's products. */
  public List<Product> products() {
    return catalog.products();
  }

  /** The customers. */
  public List<Customer> customers() {
    return catalog.customers();
  }

  /** Every order value (valid, bad, late, trailer; not poison pills), in send order. */
  public List<Order> orders() {
    return records.stream().map(GeneratedRecord::order).filter(Objects::nonNull).toList();
  }

  /** Every payment value, in send order. */
  public List<Payment> payments() {
    return records.stream().map(GeneratedRecord::payment).filter(Objects::nonNull).toList();
  }

  /** Every quote value, in send order. */
  public List<CoinQuote> quotes() {
    return records.stream().map(GeneratedRecord::quote).filter(Objects::nonNull).toList();
  }

  /** Event time of the trailing records (nothing else is at or after it). */
  public Instant trailerTime() {
    return config.trailerTime();
  }

  /** How many records have each label. */
  public Map<RecordLabel, Long> countByLabel() {
    return new EnumMap<>(
        records.stream()
            .collect(Collectors.groupingBy(GeneratedRecord::label, Collectors.counting())));
  }

  /** How many invalid records of each kind. */
  public Map<BadKind, Long> countByBadKind() {
    Map<BadKind, Long> counts = new EnumMap<>(BadKind.class);
    records.stream()
        .filter(r -> r.badKind() != null)
        .forEach(r -> counts.merge(r.badKind(), 1L, Long::sum));
    return counts;
  }

  /** How many order records carry each tag (payment scenarios are counted once per order). */
  public Map<Tag, Long> countOrdersByTag() {
    Map<Tag, Long> counts = new EnumMap<>(Tag.class);
    records.stream()
        .filter(r -> r.topic() == HopperTopic.SHOP_ORDERS || r.has(Tag.ORPHAN_PAYMENT))
        .forEach(r -> r.tags().forEach(t -> counts.merge(t, 1L, Long::sum)));
    return counts;
  }

  /** A one-line summary for logs. */
  public String summary() {
    return records.size() + " records " + countByLabel() + ", bad " + countByBadKind();
  }
}
