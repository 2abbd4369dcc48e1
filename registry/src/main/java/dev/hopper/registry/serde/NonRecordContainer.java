package dev.hopper.registry.serde;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

/**
 * A value that is not a record (a primitive, array, map or logical-type value) paired with the
 * exact Avro schema to write it with, e.g. {@code decimal(18,2)} for a BigDecimal. {@link
 * KafkaAvroSerializer} registers that schema and writes the value.
 */
public record NonRecordContainer(Schema schema, Object value) implements GenericContainer {
  public NonRecordContainer {
    Objects.requireNonNull(schema, "schema");
  }

  @Override
  public Schema getSchema() {
    return schema;
  }
}
