package dev.hopper.registry.serde;

import org.apache.avro.Schema;

/**
 * Subject = the fully-qualified record name, e.g. {@code dev.hopper.avro.Order}: one lineage per
 * record type, whatever topic carries it.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {
  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return schema.getFullName();
  }
}
