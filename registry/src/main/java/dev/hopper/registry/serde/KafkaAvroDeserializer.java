package dev.hopper.registry.serde;

import dev.hopper.registry.client.SchemaRegistryClient;
import dev.hopper.registry.client.SchemaRegistryClients;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent-framed Avro: reads the writer schema by id from the registry (once, then
 * cached) and resolves it to the reader's schema — the generated class's with {@code
 * specific.avro.reader=true}, else the writer's own (GenericRecord). Primitive values come back as
 * Java types ({@code string} as String). Null stays null.
 *
 * <p>Errors: {@link UnknownMagicByteException} for bytes not in the wire format, {@link
 * dev.hopper.registry.client.SchemaNotFoundException} for an id the registry does not know, {@link
 * dev.hopper.registry.client.RegistryUnavailableException} when it cannot be reached, and a {@link
 * SerializationException} for a payload that does not match its schema.
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {
  private SchemaRegistryClient client;
  private boolean ownsClient;
  private boolean specificReader;
  private boolean forceSpecific;
  private Schema fixedReaderSchema;
  private Class<? extends SpecificRecord> fixedReaderType;
  private GenericData genericData = new GenericData();
  private SpecificData specificData = new SpecificData(getClass().getClassLoader());
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  /** A deserializer that builds its registry client from {@code schema.registry.url}. */
  public KafkaAvroDeserializer() {}

  /** A deserializer using {@code client} (closed by the caller); the URL is then not needed. */
  public KafkaAvroDeserializer(SchemaRegistryClient client) {
    this.client = client;
  }

  /**
   * Reads every record into {@code readerType}, whatever the writer's record name, by Avro schema
   * resolution.
   */
  public KafkaAvroDeserializer(
      SchemaRegistryClient client, Class<? extends SpecificRecord> readerType) {
    this.client = client;
    readInto(readerType);
  }

  /** Reads every record into {@code readerType} (see the constructor of the same shape). */
  protected final void readInto(Class<? extends SpecificRecord> readerType) {
    this.fixedReaderType = readerType;
    this.fixedReaderSchema = SpecificData.get().getSchema(readerType);
    this.specificReader = true;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    this.specificReader = forceSpecific || fixedReaderSchema != null || config.specificAvroReader();
    this.genericData =
        config.useLogicalTypeConverters()
            ? AvroSupport.genericDataWithLogicalTypes()
            : new GenericData();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    this.specificData = new SpecificData(loader != null ? loader : getClass().getClassLoader());
    readers.clear();
    if (client == null) {
      client = SchemaRegistryClients.fromConfig(configs);
      ownsClient = true;
    }
  }

  /** Reads generated classes instead of GenericRecords (as {@code specific.avro.reader=true}). */
  protected final void forceSpecificReader() {
    this.forceSpecific = true;
    this.specificReader = true;
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException(
          "The deserializer is not configured: call configure() with schema.registry.url");
    }
    int id = WireFormat.schemaId(data);
    DatumReader<Object> reader = readers.get(id);
    if (reader == null) {
      reader = readerFor(client.getSchemaById(id));
      readers.putIfAbsent(id, reader);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
      Object value = reader.read(null, decoder);
      return value instanceof Utf8 ? value.toString() : value;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot deserialize Avro data with schema id " + id + " from topic " + topic + ": " + e,
          e);
    }
  }

  private DatumReader<Object> readerFor(Schema writer) {
    if (!specificReader || !isNamed(writer)) {
      return new GenericDatumReader<>(writer, writer, genericData);
    }
    if (fixedReaderSchema != null) {
      return new SpecificDatumReader<>(
          writer, fixedReaderSchema, SpecificData.getForClass(fixedReaderType));
    }
    Class<?> type = specificData.getClass(writer);
    if (type == null || type == Object.class) {
      throw new SerializationException(
          "Could not find class "
              + writer.getFullName()
              + " specified in the writer's schema, to read it as a SpecificRecord");
    }
    SpecificData model = SpecificData.getForClass(type);
    return new SpecificDatumReader<>(writer, model.getSchema(type), model);
  }

  private static boolean isNamed(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
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
