package dev.hopper.registry.client;

import java.util.Objects;
import org.apache.avro.Schema;

/** A version of a subject as the registry reports it: subject, version, global id and schema. */
public record SchemaMetadata(String subject, int version, int id, Schema schema) {
  public SchemaMetadata {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
