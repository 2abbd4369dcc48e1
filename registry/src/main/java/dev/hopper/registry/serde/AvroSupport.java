package dev.hopper.registry.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;

/** Schemas of primitive values, and a GenericData that knows Avro's logical types. */
final class AvroSupport {
  private static final Schema NULL = Schema.create(Schema.Type.NULL);
  private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
  private static final Schema INT = Schema.create(Schema.Type.INT);
  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
  private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

  private AvroSupport() {}

  /** The schema of a record, enum, fixed, or primitive value, as Confluent's serializer maps it. */
  static Schema schemaOf(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (value instanceof CharSequence) {
      return STRING;
    }
    if (value instanceof Integer) {
      return INT;
    }
    if (value instanceof Long) {
      return LONG;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof Double) {
      return DOUBLE;
    }
    if (value instanceof Float) {
      return FLOAT;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return BYTES;
    }
    throw new SerializationException(
        "Cannot serialize a "
            + value.getClass().getName()
            + " as Avro: expected a record, enum, fixed, or null, boolean, int, long, float,"
            + " double, string or bytes");
  }

  /** A GenericData converting decimals, dates and timestamps to and from Java types. */
  static GenericData genericDataWithLogicalTypes() {
    GenericData data = new GenericData();
    data.addLogicalTypeConversion(new Conversions.DecimalConversion());
    data.addLogicalTypeConversion(new Conversions.UUIDConversion());
    data.addLogicalTypeConversion(new TimeConversions.DateConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    return data;
  }
}
