package dev.hopper.registry.connect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Type;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates between Avro and Kafka Connect schemas and values. Avro's logical types become
 * Connect's: {@code decimal} ⇄ {@link Decimal} (precision kept in the {@code
 * connect.decimal.precision} parameter), {@code timestamp-millis} ⇄ {@link Timestamp}, {@code date}
 * ⇄ {@link Date}, {@code time-millis} ⇄ {@link Time}. Nullable unions ({@code [null, T]}) are
 * optional schemas; enums are strings that remember their symbols in parameters (Confluent's
 * parameter names), so a round trip gives the enum back. Schemas are cached; thread-safe.
 */
public final class ConnectAvroData {
  /** Parameter Confluent's converter uses for a decimal's precision. */
  public static final String DECIMAL_PRECISION = "connect.decimal.precision";

  /** Parameter naming the Avro enum a Connect string came from (Confluent's name). */
  public static final String ENUM = "io.confluent.connect.avro.Enum";

  private static final String ENUM_DEFAULT = "hopper.avro.enum.default";
  private static final String DEFAULT_RECORD_NAME = "ConnectDefault";
  private static final String DEFAULT_NAMESPACE = "io.confluent.connect.avro";
  private static final int DEFAULT_DECIMAL_PRECISION = 64;

  private final int cacheSize;
  private final Map<org.apache.avro.Schema, Schema> toConnect = new ConcurrentHashMap<>();
  private final Map<Schema, org.apache.avro.Schema> toAvro = new ConcurrentHashMap<>();
  private final Map<Schema, org.apache.avro.Schema> toAvroByIdentity =
      Collections.synchronizedMap(new IdentityHashMap<>());

  public ConnectAvroData(int cacheSize) {
    this.cacheSize = cacheSize;
  }

  // ---------------------------------------------------------------- Avro -> Connect

  /** The Connect schema of an Avro schema. */
  public Schema toConnectSchema(org.apache.avro.Schema avro) {
    Schema cached = toConnect.get(avro);
    if (cached != null) {
      return cached;
    }
    Schema schema = connectSchema(avro, false);
    bounded(toConnect).put(avro, schema);
    return schema;
  }

  private Schema connectSchema(org.apache.avro.Schema avro, boolean optional) {
    SchemaBuilder builder;
    LogicalType logical = avro.getLogicalType();
    switch (avro.getType()) {
      case UNION -> {
        return connectSchema(nonNullBranch(avro), true);
      }
      case NULL ->
          throw new DataException("A top-level or non-nullable Avro null is not supported");
      case BOOLEAN -> builder = SchemaBuilder.bool();
      case INT -> {
        if (logical instanceof LogicalTypes.Date) {
          builder = Date.builder();
        } else if (logical instanceof LogicalTypes.TimeMillis) {
          builder = Time.builder();
        } else {
          builder = SchemaBuilder.int32();
        }
      }
      case LONG ->
          builder =
              logical instanceof LogicalTypes.TimestampMillis
                  ? Timestamp.builder()
                  : SchemaBuilder.int64();
      case FLOAT -> builder = SchemaBuilder.float32();
      case DOUBLE -> builder = SchemaBuilder.float64();
      case STRING -> builder = SchemaBuilder.string();
      case BYTES, FIXED -> {
        if (logical instanceof LogicalTypes.Decimal decimal) {
          builder =
              Decimal.builder(decimal.getScale())
                  .parameter(DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
        } else {
          builder = SchemaBuilder.bytes();
        }
      }
      case ENUM -> {
        builder = SchemaBuilder.string().parameter(ENUM, avro.getFullName());
        for (String symbol : avro.getEnumSymbols()) {
          builder.parameter(ENUM + "." + symbol, symbol);
        }
        if (avro.getEnumDefault() != null) {
          builder.parameter(ENUM_DEFAULT, avro.getEnumDefault());
        }
      }
      case ARRAY -> builder = SchemaBuilder.array(connectSchema(avro.getElementType(), false));
      case MAP ->
          builder =
              SchemaBuilder.map(Schema.STRING_SCHEMA, connectSchema(avro.getValueType(), false));
      case RECORD -> {
        builder = SchemaBuilder.struct().name(avro.getFullName());
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
          builder.field(field.name(), connectSchema(field.schema(), false));
        }
      }
      default -> throw new DataException("Unsupported Avro type " + avro.getType());
    }
    if (avro.getDoc() != null) {
      builder.doc(avro.getDoc());
    }
    if (optional) {
      builder.optional();
    }
    return builder.build();
  }

  /** The Connect value of an Avro value read without logical type conversions. */
  public Object toConnectValue(Schema schema, Object avro) {
    if (avro == null) {
      if (!schema.isOptional()) {
        throw new DataException("Null value for a required " + schema.type() + " schema");
      }
      return null;
    }
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      byte[] unscaled =
          avro instanceof GenericFixed fixed ? fixed.bytes() : bytes((ByteBuffer) avro);
      return new BigDecimal(new BigInteger(unscaled), scale);
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return new java.util.Date(((Number) avro).longValue());
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return new java.util.Date(TimeUnit.DAYS.toMillis(((Number) avro).longValue()));
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return new java.util.Date(((Number) avro).longValue());
    }
    return switch (schema.type()) {
      case BOOLEAN, INT32, INT64, FLOAT32, FLOAT64 -> avro;
      case STRING -> avro.toString();
      case BYTES -> avro instanceof GenericFixed fixed ? fixed.bytes() : bytes((ByteBuffer) avro);
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object element : (Iterable<?>) avro) {
          list.add(toConnectValue(schema.valueSchema(), element));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) avro).entrySet()) {
          map.put(
              entry.getKey().toString(), toConnectValue(schema.valueSchema(), entry.getValue()));
        }
        yield map;
      }
      case STRUCT -> {
        GenericRecord record = (GenericRecord) avro;
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
          struct.put(field, toConnectValue(field.schema(), record.get(field.name())));
        }
        yield struct;
      }
      default -> throw new DataException("Unsupported Connect type " + schema.type());
    };
  }

  // ---------------------------------------------------------------- Connect -> Avro

  /** The Avro schema of a Connect schema. */
  public org.apache.avro.Schema toAvroSchema(Schema schema) {
    org.apache.avro.Schema cached = toAvroByIdentity.get(schema);
    if (cached == null) {
      cached = toAvro.get(schema);
      if (cached == null) {
        cached = avroSchema(schema, new int[] {0}, new HashMap<>(), false);
        bounded(toAvro).put(schema, cached);
      }
      bounded(toAvroByIdentity).put(schema, cached);
    }
    return cached;
  }

  private org.apache.avro.Schema avroSchema(
      Schema schema, int[] unnamed, Map<String, org.apache.avro.Schema> records, boolean nullable) {
    org.apache.avro.Schema avro = avroNonNull(schema, unnamed, records);
    if (nullable && schema.isOptional()) {
      return org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(Type.NULL), avro);
    }
    return avro;
  }

  private org.apache.avro.Schema avroNonNull(
      Schema schema, int[] unnamed, Map<String, org.apache.avro.Schema> records) {
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      String precision =
          schema.parameters() == null ? null : schema.parameters().get(DECIMAL_PRECISION);
      int digits = precision == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision);
      return LogicalTypes.decimal(digits, scale)
          .addToSchema(org.apache.avro.Schema.create(Type.BYTES));
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.timestampMillis().addToSchema(org.apache.avro.Schema.create(Type.LONG));
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(Type.INT));
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.timeMillis().addToSchema(org.apache.avro.Schema.create(Type.INT));
    }
    switch (schema.type()) {
      case BOOLEAN:
        return org.apache.avro.Schema.create(Type.BOOLEAN);
      case INT8:
      case INT16:
      case INT32:
        return org.apache.avro.Schema.create(Type.INT);
      case INT64:
        return org.apache.avro.Schema.create(Type.LONG);
      case FLOAT32:
        return org.apache.avro.Schema.create(Type.FLOAT);
      case FLOAT64:
        return org.apache.avro.Schema.create(Type.DOUBLE);
      case BYTES:
        return org.apache.avro.Schema.create(Type.BYTES);
      case STRING:
        return schema.parameters() != null && schema.parameters().containsKey(ENUM)
            ? enumSchema(schema, records)
            : org.apache.avro.Schema.create(Type.STRING);
      case ARRAY:
        return org.apache.avro.Schema.createArray(
            avroSchema(schema.valueSchema(), unnamed, records, true));
      case MAP:
        if (schema.keySchema().type() != Schema.Type.STRING) {
          throw new DataException(
              "Only maps with string keys can be written as Avro, not "
                  + schema.keySchema().type());
        }
        return org.apache.avro.Schema.createMap(
            avroSchema(schema.valueSchema(), unnamed, records, true));
      case STRUCT:
        return recordSchema(schema, unnamed, records);
      default:
        throw new DataException("Unsupported Connect type " + schema.type());
    }
  }

  private org.apache.avro.Schema enumSchema(
      Schema schema, Map<String, org.apache.avro.Schema> records) {
    String fullName = schema.parameters().get(ENUM);
    org.apache.avro.Schema known = records.get(fullName);
    if (known != null) {
      return known;
    }
    List<String> symbols = new ArrayList<>();
    String symbolPrefix = ENUM + ".";
    schema
        .parameters()
        .forEach(
            (key, value) -> {
              if (key.startsWith(symbolPrefix)) {
                symbols.add(value);
              }
            });
    int dot = fullName.lastIndexOf('.');
    org.apache.avro.Schema avro =
        org.apache.avro.Schema.createEnum(
            fullName.substring(dot + 1),
            schema.doc(),
            dot < 0 ? null : fullName.substring(0, dot),
            symbols,
            schema.parameters().get(ENUM_DEFAULT));
    records.put(fullName, avro);
    return avro;
  }

  private org.apache.avro.Schema recordSchema(
      Schema schema, int[] unnamed, Map<String, org.apache.avro.Schema> records) {
    String fullName = schema.name();
    if (fullName == null || fullName.isBlank()) {
      unnamed[0]++;
      fullName =
          DEFAULT_NAMESPACE + "." + DEFAULT_RECORD_NAME + (unnamed[0] == 1 ? "" : unnamed[0]);
    }
    org.apache.avro.Schema known = records.get(fullName);
    if (known != null) {
      return known;
    }
    int dot = fullName.lastIndexOf('.');
    org.apache.avro.Schema record =
        org.apache.avro.Schema.createRecord(
            sanitize(fullName.substring(dot + 1)),
            schema.doc(),
            dot < 0 ? null : fullName.substring(0, dot),
            false);
    records.put(fullName, record);
    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    for (Field field : schema.fields()) {
      org.apache.avro.Schema fieldSchema = avroSchema(field.schema(), unnamed, records, true);
      Object defaultValue = field.schema().isOptional() ? JsonProperties.NULL_VALUE : null;
      fields.add(
          new org.apache.avro.Schema.Field(
              sanitize(field.name()), fieldSchema, field.schema().doc(), defaultValue));
    }
    record.setFields(fields);
    return record;
  }

  /** The Avro value of a Connect value, in the Java types of Avro's logical type conversions. */
  public Object toAvroValue(Schema schema, org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      if (!schema.isOptional()) {
        throw new DataException("Null value for a required " + schema.type() + " field");
      }
      return null;
    }
    org.apache.avro.Schema target = avro.getType() == Type.UNION ? nonNullBranch(avro) : avro;
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      return value;
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return ((java.util.Date) value).toInstant();
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC);
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      Instant instant = ((java.util.Date) value).toInstant();
      return LocalTime.ofNanoOfDay(
          TimeUnit.MILLISECONDS.toNanos(instant.toEpochMilli() % TimeUnit.DAYS.toMillis(1)));
    }
    return switch (schema.type()) {
      case INT8, INT16 -> ((Number) value).intValue();
      case BOOLEAN, INT32, INT64, FLOAT32, FLOAT64 -> value;
      case STRING ->
          target.getType() == Type.ENUM
              ? new GenericData.EnumSymbol(target, value.toString())
              : value.toString();
      case BYTES -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object element : (List<?>) value) {
          list.add(toAvroValue(schema.valueSchema(), target.getElementType(), element));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          map.put(
              entry.getKey().toString(),
              toAvroValue(schema.valueSchema(), target.getValueType(), entry.getValue()));
        }
        yield map;
      }
      case STRUCT -> {
        Struct struct = (Struct) value;
        GenericData.Record record = new GenericData.Record(target);
        for (Field field : schema.fields()) {
          org.apache.avro.Schema.Field avroField = target.getField(sanitize(field.name()));
          record.put(
              avroField.pos(), toAvroValue(field.schema(), avroField.schema(), struct.get(field)));
        }
        yield record;
      }
      default -> throw new DataException("Unsupported Connect type " + schema.type());
    };
  }

  // ---------------------------------------------------------------- helpers

  private static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema union) {
    List<org.apache.avro.Schema> branches = union.getTypes();
    if (branches.size() == 2) {
      if (branches.get(0).getType() == Type.NULL) {
        return branches.get(1);
      }
      if (branches.get(1).getType() == Type.NULL) {
        return branches.get(0);
      }
    }
    throw new DataException("Only nullable unions [null, T] map to Kafka Connect, not " + union);
  }

  /** Avro names allow letters, digits and underscores, not starting with a digit. */
  private static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid = c == '_' || Character.isLetter(c) || (i > 0 && Character.isDigit(c));
      out.append(valid && c < 128 ? c : '_');
    }
    return out.toString();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private <K, V> Map<K, V> bounded(Map<K, V> cache) {
    if (cache.size() >= cacheSize) {
      cache.clear();
    }
    return cache;
  }
}
