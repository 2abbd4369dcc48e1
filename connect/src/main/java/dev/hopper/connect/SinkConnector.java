package dev.hopper.connect;

import dev.hopper.topics.HopperTopic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One MongoDB sink connector: its name, the Hopper topic it reads, the collection it writes and the
 * connector config in the form Connect's REST API takes.
 */
public record SinkConnector(
    String name, HopperTopic topic, String collection, Map<String, String> config) {

  /** Freezes the config, keeping its order. */
  public SinkConnector {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(collection, "collection");
    config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /** A copy with {@code changes} applied over the config. */
  public SinkConnector with(Map<String, String> changes) {
    Map<String, String> merged = new LinkedHashMap<>(config);
    merged.putAll(changes);
    return new SinkConnector(name, topic, collection, merged);
  }

  /** The connector class. */
  public String connectorClass() {
    return config.get("connector.class");
  }
}
