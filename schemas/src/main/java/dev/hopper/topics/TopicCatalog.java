package dev.hopper.topics;

import dev.hopper.config.LayeredConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topics of one Hopper deployment, resolved from configuration. Inputs, outputs and dead
 * letters keep data by size, never by time: replays carry historical timestamps, and a 2024 CSV
 * must not be deleted on arrival. Tables are compacted.
 */
public final class TopicCatalog {

  /** Default partition count of every topic. */
  public static final int DEFAULT_PARTITIONS = 3;

  /** Default size kept per partition of a size-retained topic: 1 GiB. */
  public static final long DEFAULT_RETENTION_BYTES = 1L << 30;

  private final Map<HopperTopic, TopicSpec> specs;

  private TopicCatalog(Map<HopperTopic, TopicSpec> specs) {
    this.specs = Collections.unmodifiableMap(specs);
  }

  /** The catalog with every default. */
  public static TopicCatalog defaults() {
    return from(LayeredConfig.builder().build());
  }

  /**
   * Resolves names and settings from {@code hopper.topic.<id>.*} keys, falling back to {@code
   * hopper.topic.partitions} / {@code hopper.topic.replication.factor} for every topic.
   */
  public static TopicCatalog from(LayeredConfig config) {
    int partitions = config.getInt("hopper.topic.partitions", DEFAULT_PARTITIONS, 1, 10_000);
    int replication = config.getInt("hopper.topic.replication.factor", -1, -1, Short.MAX_VALUE);
    long retentionBytes =
        config.getLong("hopper.topic.retention.bytes", DEFAULT_RETENTION_BYTES, -1, Long.MAX_VALUE);
    Map<HopperTopic, TopicSpec> specs = new EnumMap<>(HopperTopic.class);
    for (HopperTopic topic : HopperTopic.values()) {
      String prefix = "hopper.topic." + topic.configId() + ".";
      Map<String, String> configs = new LinkedHashMap<>();
      if (topic.role() == HopperTopic.Role.TABLE) {
        configs.put("cleanup.policy", "compact");
      } else {
        configs.put("cleanup.policy", "delete");
        configs.put("retention.ms", "-1");
        configs.put(
            "retention.bytes",
            Long.toString(
                config.getLong(prefix + "retention.bytes", retentionBytes, -1, Long.MAX_VALUE)));
      }
      specs.put(
          topic,
          new TopicSpec(
              topic,
              config.get(prefix + "name", topic.defaultName()),
              config.getInt(prefix + "partitions", partitions, 1, 10_000),
              (short)
                  config.getInt(prefix + "replication.factor", replication, -1, Short.MAX_VALUE),
              configs));
    }
    return new TopicCatalog(specs);
  }

  /** The spec of one topic. */
  public TopicSpec spec(HopperTopic topic) {
    return specs.get(topic);
  }

  /** The configured name of one topic. */
  public String name(HopperTopic topic) {
    return specs.get(topic).name();
  }

  /** Every topic, in declaration order. */
  public List<TopicSpec> all() {
    return new ArrayList<>(specs.values());
  }
}
