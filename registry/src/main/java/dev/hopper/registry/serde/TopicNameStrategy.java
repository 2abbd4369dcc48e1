package dev.hopper.registry.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/** Subject {@code <topic>-key} or {@code <topic>-value}: one schema lineage per topic (default). */
public final class TopicNameStrategy implements SubjectNameStrategy {
  private final Map<String, String> keySubjects = new ConcurrentHashMap<>();
  private final Map<String, String> valueSubjects = new ConcurrentHashMap<>();

  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return isKey
        ? keySubjects.computeIfAbsent(topic, t -> t + "-key")
        : valueSubjects.computeIfAbsent(topic, t -> t + "-value");
  }
}
