package dev.hopper.platform.bench;

import dev.hopper.config.LayeredConfig;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic names of one benchmark run: inputs (and reference tables) under a prefix shared by the
 * runs that read the same pre-loaded data, outputs and dead letters under the run's own prefix, so
 * each run's outputs can be counted from empty.
 *
 * @param inputPrefix prefix of the input and table topics, e.g. {@code bench.}
 * @param outputPrefix prefix of the output and dead-letter topics, e.g. {@code full-eos-2.}
 * @param partitions partition count of every topic
 */
public record BenchTopics(String inputPrefix, String outputPrefix, int partitions) {

  /** The {@code hopper.topic.*} keys that give every topic its name here. */
  public Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    for (HopperTopic t : HopperTopic.values()) {
      flags.put("hopper.topic." + t.configId() + ".name", name(t));
    }
    flags.put("hopper.topic.partitions", Integer.toString(partitions));
    return flags;
  }

  /** The name of {@code topic} in this run. */
  public String name(HopperTopic topic) {
    return (isInput(topic) ? inputPrefix : outputPrefix) + topic.defaultName();
  }

  /** The catalog with these names. */
  public TopicCatalog catalog() {
    return TopicCatalog.from(LayeredConfig.builder().flags(flags()).build());
  }

  /** Whether {@code topic} is read by the app (an input or a reference table). */
  public static boolean isInput(HopperTopic topic) {
    return topic.role() == HopperTopic.Role.INPUT || topic.role() == HopperTopic.Role.TABLE;
  }
}
