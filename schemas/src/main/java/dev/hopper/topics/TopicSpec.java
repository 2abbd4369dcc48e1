package dev.hopper.topics;

import java.util.Map;
import java.util.Objects;

/**
 * How one topic is created: name, partitions, replication factor ({@code -1} takes the broker's
 * default) and topic-level configs.
 */
public record TopicSpec(
    HopperTopic topic,
    String name,
    int partitions,
    short replicationFactor,
    Map<String, String> configs) {

  /** Validates and freezes the spec. */
  public TopicSpec {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name of " + topic + " is blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions of " + name + " must be >= 1");
    }
    configs = Map.copyOf(configs);
  }
}
