package dev.hopper.registry.serde;

import dev.hopper.registry.client.RegistryClientConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The serde settings, under the keys of Confluent's Avro serdes so existing configurations work
 * unchanged. Connection settings (URLs, authentication, retries) are read by {@link
 * RegistryClientConfig}; other keys (Kafka's own) are ignored.
 */
public final class AvroSerdeConfig extends AbstractConfig {
  public static final String SCHEMA_REGISTRY_URL = RegistryClientConfig.URL;
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";

  private static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              SCHEMA_REGISTRY_URL,
              Type.STRING,
              null,
              Importance.HIGH,
              "Comma-separated registry URLs, tried in order; mock://SCOPE for an in-memory"
                  + " registry shared by every serde with the same scope.")
          .define(
              AUTO_REGISTER_SCHEMAS,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              "Register the record's schema when serializing; when false the schema must already"
                  + " be registered under the subject.")
          .define(
              USE_LATEST_VERSION,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Serialize with the latest registered version of the subject instead of the"
                  + " record's own schema (implies no registration).")
          .define(
              SPECIFIC_AVRO_READER,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Deserialize into generated SpecificRecord classes, resolving the writer schema to"
                  + " the class's schema; otherwise into GenericRecords with the writer schema.")
          .define(
              KEY_SUBJECT_NAME_STRATEGY,
              Type.STRING,
              TopicNameStrategy.class.getName(),
              Importance.MEDIUM,
              "Subject of key schemas: TopicNameStrategy, RecordNameStrategy,"
                  + " TopicRecordNameStrategy (Hopper's or Confluent's class names) or a class"
                  + " implementing SubjectNameStrategy.")
          .define(
              VALUE_SUBJECT_NAME_STRATEGY,
              Type.STRING,
              TopicNameStrategy.class.getName(),
              Importance.MEDIUM,
              "Subject of value schemas, as for keys.")
          .define(
              USE_LOGICAL_TYPE_CONVERTERS,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Generic reading: decimals as BigDecimal, timestamps as Instant, dates as"
                  + " LocalDate (otherwise their underlying bytes, long and int).");

  private final Map<?, ?> raw;

  public AvroSerdeConfig(Map<?, ?> originals) {
    super(DEFINITION, withClassNames(originals), false);
    this.raw = originals;
  }

  /** Strategies may be given as Class objects; the definition reads their names. */
  private static Map<Object, Object> withClassNames(Map<?, ?> originals) {
    Map<Object, Object> copy = new HashMap<>(originals);
    copy.replaceAll((key, value) -> value instanceof Class<?> type ? type.getName() : value);
    return copy;
  }

  /** The definition, with documentation of every key. */
  public static ConfigDef definition() {
    return new ConfigDef(DEFINITION);
  }

  public boolean autoRegisterSchemas() {
    return getBoolean(AUTO_REGISTER_SCHEMAS);
  }

  public boolean useLatestVersion() {
    return getBoolean(USE_LATEST_VERSION);
  }

  public boolean specificAvroReader() {
    return getBoolean(SPECIFIC_AVRO_READER);
  }

  public boolean useLogicalTypeConverters() {
    return getBoolean(USE_LOGICAL_TYPE_CONVERTERS);
  }

  /** The subject name strategy for keys or values. */
  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    Object configured = raw.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
    return SubjectNameStrategy.of(configured);
  }
}
