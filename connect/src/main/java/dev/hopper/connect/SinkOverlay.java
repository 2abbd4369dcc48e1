package dev.hopper.connect;

import dev.hopper.config.LayeredConfig;
import dev.hopper.topics.TopicCatalog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What differs between deployments of the same connector files, applied at deploy time: MongoDB
 * URI, converter class and registry URL, dead-letter replication factor, topic names from the topic
 * catalog, a connector name prefix, and any {@code hopper.connect.set.<key>} a user adds (e.g.
 * {@code hopper.connect.set.database}).
 */
public final class SinkOverlay {

  /** Hopper's own converter, for Connect workers that run Hopper's registry client. */
  public static final String HOPPER_CONVERTER = "dev.hopper.registry.connect.AvroConverter";

  /** Confluent's converter, for Confluent Platform. */
  public static final String CONFLUENT_CONVERTER = "io.confluent.connect.avro.AvroConverter";

  /** Settings shared by every profile; the profile decides the converter and DLQ replication. */
  public enum Profile {
    /** Hopper's embedded platform: Hopper's converter, one broker. */
    EMBEDDED(HOPPER_CONVERTER, "1"),
    /** Confluent Platform: Confluent's converter, replicated dead letters. */
    CONFLUENT(CONFLUENT_CONVERTER, "3");

    private final String converter;
    private final String dlqReplication;

    Profile(String converter, String dlqReplication) {
      this.converter = converter;
      this.dlqReplication = dlqReplication;
    }

    /** Parses {@code embedded} or {@code confluent}. */
    public static Profile parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new dev.hopper.config.ConfigException(
            "hopper.connect.profile", value, "must be embedded or confluent");
      }
    }
  }

  private static final String SET_PREFIX = "hopper.connect.set.";

  private final Map<String, String> settings;
  private final TopicCatalog topics;
  private final String namePrefix;

  private SinkOverlay(Map<String, String> settings, TopicCatalog topics, String namePrefix) {
    this.settings = Map.copyOf(settings);
    this.topics = topics;
    this.namePrefix = namePrefix;
  }

  /**
   * The overlay from configuration: {@code hopper.connect.profile} (embedded, default, or
   * confluent), {@code mongodb.uri}, {@code schema.registry.url}, {@code
   * hopper.connect.value.converter}, {@code hopper.connect.dlq.replication.factor} and {@code
   * hopper.connect.set.<key>=<value>} for any other connector key.
   */
  public static SinkOverlay from(LayeredConfig config) {
    Profile profile = Profile.parse(config.get("hopper.connect.profile", "embedded"));
    Map<String, String> s = new LinkedHashMap<>();
    config.find("mongodb.uri").ifPresent(v -> s.put("connection.uri", v));
    s.put("value.converter", config.get("hopper.connect.value.converter", profile.converter));
    config
        .find("schema.registry.url")
        .ifPresent(v -> s.put("value.converter.schema.registry.url", v));
    s.put(
        "errors.deadletterqueue.topic.replication.factor",
        Integer.toString(
            config.getInt(
                "hopper.connect.dlq.replication.factor",
                Integer.parseInt(profile.dlqReplication),
                1,
                Short.MAX_VALUE)));
    config
        .asMap()
        .forEach(
            (k, v) -> {
              if (k.startsWith(SET_PREFIX) && k.length() > SET_PREFIX.length()) {
                s.put(k.substring(SET_PREFIX.length()), v);
              }
            });
    return new SinkOverlay(
        s, TopicCatalog.from(config), config.get("hopper.connect.name.prefix", ""));
  }

  /**
   * The connector with the overlay and the configured topic name applied, renamed with {@code
   * hopper.connect.name.prefix} (for several Hopper deployments on one Connect cluster).
   */
  public SinkConnector apply(SinkConnector connector) {
    Map<String, String> changes = new LinkedHashMap<>(settings);
    changes.put("topics", topics.name(connector.topic()));
    SinkConnector changed = connector.with(changes);
    return new SinkConnector(
        namePrefix + changed.name(), changed.topic(), changed.collection(), changed.config());
  }

  /** The settings this overlay changes (without topic names). */
  public Map<String, String> settings() {
    return settings;
  }
}
