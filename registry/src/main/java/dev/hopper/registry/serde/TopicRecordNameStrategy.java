package dev.hopper.registry.serde;

import org.apache.avro.Schema;

/**
 * Subject {@code <topic>-<fully-qualified record name>}: one lineage per record type per topic, for
 * topics that carry several record types.
 */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {
  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return topic + "-" + schema.getFullName();
  }
}
