package dev.hopper.registry.serde;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * Chooses the registry subject a record's schema is registered under, as Confluent's strategies do.
 * Configured with {@code key.subject.name.strategy} / {@code value.subject.name.strategy} as a
 * class, a class name (Hopper's or Confluent's {@code io.confluent.kafka.serializers.subject.*}),
 * or a simple name.
 */
public interface SubjectNameStrategy {

  /** The subject for a record of {@code schema} on {@code topic}. */
  String subjectName(String topic, boolean isKey, Schema schema);

  /** Resolves a configured strategy. */
  static SubjectNameStrategy of(Object configured) {
    if (configured == null) {
      return new TopicNameStrategy();
    }
    if (configured instanceof SubjectNameStrategy strategy) {
      return strategy;
    }
    String name =
        configured instanceof Class<?> type ? type.getName() : configured.toString().trim();
    String simple = name.substring(name.lastIndexOf('.') + 1);
    switch (simple.toLowerCase(Locale.ROOT)) {
      case "topicnamestrategy":
        return new TopicNameStrategy();
      case "recordnamestrategy":
        return new RecordNameStrategy();
      case "topicrecordnamestrategy":
        return new TopicRecordNameStrategy();
      default:
        break;
    }
    try {
      Class<?> type =
          configured instanceof Class<?> given
              ? given
              : Class.forName(name, true, SubjectNameStrategy.class.getClassLoader());
      if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
        throw new ConfigException(
            "subject.name.strategy", name, "does not implement " + SubjectNameStrategy.class);
      }
      return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new ConfigException(
          "subject.name.strategy",
          name,
          "unknown strategy; expected TopicNameStrategy, RecordNameStrategy,"
              + " TopicRecordNameStrategy or a class implementing "
              + SubjectNameStrategy.class.getName());
    }
  }
}
