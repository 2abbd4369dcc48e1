package dev.hopper.streams.topology;

import dev.hopper.streams.topology.validation.Rule;
import dev.hopper.streams.topology.validation.Source;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the topology rejects and drops, for metrics: one counter per validation rule and
 * source, and one per operator that drops late records. Thread-safe; one instance per application
 * (never static). Under exactly-once a task that is retried after an abort counts its records
 * again, so these are operational counters, not an audit.
 */
public final class ProcessingCounters {
  private final Map<Source, Map<Rule, LongAdder>> rejected = new EnumMap<>(Source.class);
  private final Map<String, LongAdder> late = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> unreadable = new ConcurrentHashMap<>();

  /** Creates zeroed counters for every source and rule. */
  public ProcessingCounters() {
    for (Source source : Source.values()) {
      Map<Rule, LongAdder> perRule = new EnumMap<>(Rule.class);
      for (Rule rule : Rule.values()) {
        perRule.put(rule, new LongAdder());
      }
      rejected.put(source, perRule);
    }
  }

  /** Counts one failure of {@code rule} on a record of {@code source}. */
  public void rejected(Source source, Rule rule) {
    rejected.get(source).get(rule).increment();
  }

  /** How many records of {@code source} failed {@code rule}. */
  public long rejectedCount(Source source, Rule rule) {
    return rejected.get(source).get(rule).sum();
  }

  /** Failures per rule of one source (rules that never failed included, with 0). */
  public Map<Rule, Long> rejectedCounts(Source source) {
    Map<Rule, Long> out = new EnumMap<>(Rule.class);
    rejected.get(source).forEach((rule, n) -> out.put(rule, n.sum()));
    return out;
  }

  /** Counts one unreadable record of a topic Kafka Streams deserializes itself (tables). */
  public void unreadable(String topic) {
    unreadable.computeIfAbsent(topic, k -> new LongAdder()).increment();
  }

  /** Unreadable records of {@code topic}. */
  public long unreadableCount(String topic) {
    LongAdder n = unreadable.get(topic);
    return n == null ? 0 : n.sum();
  }

  /** Counts one record dropped as late by {@code operator}. */
  public void late(String operator) {
    late.computeIfAbsent(operator, k -> new LongAdder()).increment();
  }

  /** Records dropped as late by {@code operator}. */
  public long lateCount(String operator) {
    LongAdder n = late.get(operator);
    return n == null ? 0 : n.sum();
  }

  /** Late drops per operator. */
  public Map<String, Long> lateCounts() {
    Map<String, Long> out = new LinkedHashMap<>();
    late.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
