package dev.hopper.registry.connect;

import dev.hopper.registry.client.SchemaRegistryClient;
import dev.hopper.registry.client.SchemaRegistryClients;
import dev.hopper.registry.serde.AvroSerdeConfig;
import dev.hopper.registry.serde.KafkaAvroDeserializer;
import dev.hopper.registry.serde.KafkaAvroSerializer;
import dev.hopper.registry.serde.NonRecordContainer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Kafka Connect converter for Confluent-framed Avro through a Schema Registry, a drop-in for
 * Confluent's {@code io.confluent.connect.avro.AvroConverter}: configure it with {@code
 * value.converter.schema.registry.url} (and the other serde keys). Reading gives Connect {@code
 * Struct}s whose decimals, timestamps and dates carry Connect's logical types ({@code Decimal},
 * {@code Timestamp}, {@code Date}), so sinks store them natively (e.g. MongoDB Decimal128 and
 * dates); writing registers the Avro schema of the Connect schema.
 *
 * <p>Also shipped as a self-contained plugin, {@code hopper-avro-converter.jar}, for any worker's
 * {@code plugin.path}.
 */
public class AvroConverter implements Converter {
  /** Schemas remembered per direction (Confluent's key). */
  public static final String SCHEMAS_CACHE_SIZE = "schemas.cache.config";

  private SchemaRegistryClient client;
  private boolean ownsClient;
  private KafkaAvroSerializer serializer;
  private KafkaAvroDeserializer deserializer;
  private ConnectAvroData data;

  public AvroConverter() {}

  /**
   * A converter using {@code client} (closed by the caller); {@code schema.registry.url} is then
   * not needed.
   */
  public AvroConverter(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> settings = new HashMap<>(configs);
    // Logical types are translated here, from their Avro encodings.
    settings.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
    settings.put(AvroSerdeConfig.USE_LOGICAL_TYPE_CONVERTERS, false);
    if (client == null) {
      client = SchemaRegistryClients.fromConfig(settings);
      ownsClient = true;
    }
    serializer = new KafkaAvroSerializer(client);
    serializer.configure(settings, isKey);
    deserializer = new KafkaAvroDeserializer(client);
    deserializer.configure(settings, isKey);
    Object cacheSize = configs.get(SCHEMAS_CACHE_SIZE);
    data = new ConnectAvroData(cacheSize == null ? 1000 : Integer.parseInt(cacheSize.toString()));
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema == null) {
      throw new DataException(
          "The Avro converter needs a schema to write topic " + topic + "; got schemaless data");
    }
    try {
      org.apache.avro.Schema avro = data.toAvroSchema(schema);
      Object avroValue = data.toAvroValue(schema, avro, value);
      return serializer.serialize(
          topic,
          avroValue instanceof GenericContainer
              ? avroValue
              : new NonRecordContainer(avro, avroValue));
    } catch (SerializationException e) {
      throw new DataException("Failed to serialize Connect data of topic " + topic + " to Avro", e);
    } catch (RuntimeException e) {
      throw new DataException(
          "Failed to convert Connect data of topic " + topic + " to Avro: " + e.getMessage(), e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    try {
      Object avro = deserializer.deserialize(topic, value);
      org.apache.avro.Schema avroSchema =
          avro instanceof GenericContainer container
              ? container.getSchema()
              : client.getSchemaById(dev.hopper.registry.serde.WireFormat.schemaId(value));
      Schema schema = data.toConnectSchema(avroSchema);
      return new SchemaAndValue(schema, data.toConnectValue(schema, avro));
    } catch (SerializationException e) {
      throw new DataException("Failed to deserialize Avro data of topic " + topic, e);
    } catch (RuntimeException e) {
      throw new DataException(
          "Failed to convert Avro data of topic " + topic + " to Connect data: " + e.getMessage(),
          e);
    }
  }

  @Override
  public ConfigDef config() {
    return AvroSerdeConfig.definition()
        .define(
            SCHEMAS_CACHE_SIZE,
            ConfigDef.Type.INT,
            1000,
            ConfigDef.Importance.LOW,
            "Number of Avro/Connect schema translations remembered per direction.");
  }

  @Override
  public String version() {
    String version = AvroConverter.class.getPackage().getImplementationVersion();
    return version != null ? version : "unknown";
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }
}
