package dev.hopper.streams.monitor;

import java.util.List;
import java.util.Map;

/**
 * The shapes the monitor endpoints answer with, as plain records (rendered to JSON field by field,
 * in declaration order). Offsets and sizes are exact figures read from Kafka; {@code null} means
 * "not known (yet)", never zero.
 */
public final class MonitorViews {
  private MonitorViews() {}

  /**
   * One topic: partitions, offsets summed over its partitions, the offset rate and its size.
   *
   * @param role INPUT, TABLE, OUTPUT, DEAD_LETTER for Hopper's topics; REPARTITION or CHANGELOG for
   *     the app's internal topics
   * @param startOffset sum of the partitions' log start offsets
   * @param endOffset sum of the partitions' end offsets (high watermarks)
   * @param offsetsPerSecond growth of {@code endOffset} per second over {@code rateWindowSeconds};
   *     on topics written with transactions it includes one commit marker per partition and
   *     transaction
   * @param rateWindowSeconds the span the rate was measured over (shorter right after start)
   * @param sizeBytes bytes on disk of one replica of each partition (the largest), summed
   */
  public record Topic(
      String name,
      String role,
      boolean internal,
      int partitions,
      int replicationFactor,
      long startOffset,
      long endOffset,
      Double offsetsPerSecond,
      Double rateWindowSeconds,
      Long sizeBytes,
      List<Partition> partitionOffsets) {}

  /** One partition of a topic: its leader broker, offsets and size. */
  public record Partition(
      int partition, Integer leader, long startOffset, long endOffset, Long sizeBytes) {}

  /**
   * A consumer group reading Hopper's topics: the streams app's own group or a Kafka Connect sink
   * ({@code connect-<connector>}).
   *
   * @param kind {@code streams-app} or {@code connect-sink}
   * @param state the group's state as the coordinator reports it
   * @param members members now in the group, when known
   * @param lag records between the committed offsets and the end offsets, over every partition the
   *     group has committed on; null when it has committed nothing yet
   */
  public record Group(
      String groupId,
      String kind,
      String state,
      Integer members,
      Long lag,
      List<GroupTopic> topics) {}

  /** A group's position on one topic: lag summed and per partition. */
  public record GroupTopic(String topic, long lag, List<GroupPartition> partitions) {}

  /** A group's committed offset on one partition, the end offset and their difference. */
  public record GroupPartition(int partition, long committed, long endOffset, long lag) {}

  /**
   * A Kafka Connect connector with its tasks and the group its sink tasks consume in.
   *
   * @param trace the first line of the failure, when failed
   */
  public record Connector(
      String name,
      String type,
      String state,
      String workerId,
      String trace,
      String topics,
      String group,
      List<ConnectorTask> tasks) {}

  /** One task of a connector. */
  public record ConnectorTask(int id, String state, String workerId, String trace) {}

  /**
   * A registry subject with its versions.
   *
   * @param topic the Hopper topic the subject belongs to ({@code <topic>-value}), or null
   */
  public record Subject(String subject, String topic, List<Integer> versions) {}

  /** The streams app on this instance: state, threads with their tasks, and its stores. */
  public record Streams(
      String applicationId,
      String instance,
      String state,
      List<StreamThread> threads,
      List<Store> stores) {}

  /** One stream thread and its tasks. */
  public record StreamThread(
      String name, String state, List<Task> activeTasks, List<Task> standbyTasks) {}

  /**
   * One task: its input partitions with committed and end offsets as the task sees them.
   *
   * @param idlingSince when the task started waiting for data on an empty partition, if it is
   */
  public record Task(String id, List<TaskPartition> partitions, String idlingSince) {}

  /** A task's committed and end offset on one input partition (null when not known yet). */
  public record TaskPartition(String topic, int partition, Long committed, Long endOffset) {}

  /** A state store of the topology and its bytes on disk on this instance. */
  public record Store(String name, Long bytesOnDisk) {}

  /**
   * Data quality on this instance: validation failures per source and rule, unreadable table
   * records, late records dropped per operator; and the dead letters on {@code hopper.rejected},
   * counted over the whole topic (committed records only).
   */
  public record Quality(
      Map<String, Map<String, Long>> rejectedBySource,
      Map<String, Long> unreadableByTopic,
      Map<String, Long> lateDroppedByOperator,
      long rejectedOnThisInstance,
      DeadLetters deadLetters) {}

  /**
   * The dead-letter topic's record count, read by a counting consumer.
   *
   * @param records committed records counted on the topic (from its log start)
   * @param caughtUp whether the count has reached the end of the topic
   */
  public record DeadLetters(String topic, Long records, boolean caughtUp, String countedAt) {}
}
