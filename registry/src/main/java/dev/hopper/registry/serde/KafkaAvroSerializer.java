package dev.hopper.registry.serde;

import dev.hopper.registry.client.SchemaMetadata;
import dev.hopper.registry.client.SchemaRegistryClient;
import dev.hopper.registry.client.SchemaRegistryClients;
import dev.hopper.registry.client.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes any Avro value — SpecificRecord, GenericRecord, enum, fixed, primitive, or any value
 * with an explicit schema in a {@link NonRecordContainer} — in Confluent's wire format, registering
 * (or looking up) its schema under the subject the configured strategy names. A null value (a
 * tombstone) stays null. After the first record of a schema, no registry call is made: ids are
 * cached.
 */
public class KafkaAvroSerializer implements Serializer<Object> {
  private SchemaRegistryClient client;
  private boolean ownsClient;
  private boolean isKey;
  private boolean autoRegister = true;
  private boolean useLatestVersion;
  private SubjectNameStrategy strategy = new TopicNameStrategy();
  private final GenericData genericData = AvroSupport.genericDataWithLogicalTypes();
  private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

  /** A serializer that builds its registry client from {@code schema.registry.url}. */
  public KafkaAvroSerializer() {}

  /** A serializer using {@code client} (closed by the caller); the URL is then not needed. */
  public KafkaAvroSerializer(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    this.isKey = isKey;
    this.autoRegister = config.autoRegisterSchemas();
    this.useLatestVersion = config.useLatestVersion();
    this.strategy = config.subjectNameStrategy(isKey);
    if (client == null) {
      client = SchemaRegistryClients.fromConfig(configs);
      ownsClient = true;
    }
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException(
          "The serializer is not configured: call configure() with schema.registry.url");
    }
    Schema schema = AvroSupport.schemaOf(data);
    String subject = strategy.subjectName(topic, isKey, schema);
    int id;
    Schema writerSchema = schema;
    if (useLatestVersion) {
      SchemaMetadata latest = client.getLatestSchemaMetadata(subject);
      id = latest.id();
      writerSchema = latest.schema();
      if (!writerSchema.equals(schema)) {
        data = resolve(topic, unwrap(data), schema, writerSchema);
      }
    } else if (autoRegister) {
      id = client.register(subject, schema);
    } else {
      id = client.getId(subject, schema);
    }
    return encode(topic, id, writerSchema, data instanceof NonRecordContainer c ? c.value() : data);
  }

  private static Object unwrap(Object data) {
    return data instanceof NonRecordContainer container ? container.value() : data;
  }

  /** The framed bytes of {@code data} written with {@code writerSchema} under {@code id}. */
  protected byte[] encode(String topic, int id, Schema writerSchema, Object data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.write(WireFormat.MAGIC_BYTE);
    out.write(id >>> 24);
    out.write(id >>> 16);
    out.write(id >>> 8);
    out.write(id);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      Object value = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
      writerFor(writerSchema, data).write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      if (e instanceof SchemaRegistryException registryError) {
        throw registryError;
      }
      throw new SerializationException(
          "Cannot serialize a "
              + writerSchema.getFullName()
              + " for topic "
              + topic
              + " with schema id "
              + id
              + ": "
              + e,
          e);
    }
    return out.toByteArray();
  }

  /**
   * Converts {@code data} to the latest registered schema by Avro's resolution rules (fields it
   * lacks take their defaults), so the bytes match the id they are framed with.
   */
  private Object resolve(String topic, Object data, Schema own, Schema latest) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writerFor(own, data).write(data instanceof byte[] b ? ByteBuffer.wrap(b) : data, encoder);
      encoder.flush();
      return new GenericDatumReader<Object>(own, latest, genericData)
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot write a "
              + own.getFullName()
              + " for topic "
              + topic
              + " with the latest registered schema (use.latest.version=true): "
              + e,
          e);
    }
  }

  private DatumWriter<Object> writerFor(Schema schema, Object data) {
    if (data instanceof SpecificRecord record) {
      return specificWriters.computeIfAbsent(
          schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForClass(record.getClass())));
    }
    return genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, genericData));
  }

  /** The registry client in use (after {@link #configure}). */
  public SchemaRegistryClient client() {
    return client;
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }
}
