package dev.hopper.streams;

import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.topology.InputProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InputProgress} from the application's committed offsets: a partition is caught up when no
 * record is readable (under {@code read_committed}) at or after the offset the application's group
 * has committed for it. Kafka Streams commits an offset only for records it has processed, so a
 * partition with a backlog, or with records fetched but not yet processed, is never caught up.
 *
 * <p>The committed offset can trail the end offset by control records (transaction markers) and
 * aborted records, which nothing will ever read; in that case a probe consumer reads from the
 * committed offset to the end and finds no record. Only topics asked about during the last {@link
 * #INTEREST} are sampled, so an application whose inputs are never silent costs nothing. Answers
 * come from the latest sample (every {@code interval}, on a daemon thread); until the first one,
 * and while Kafka cannot be asked, nothing is caught up.
 */
public final class CommittedInputProgress implements InputProgress, AutoCloseable {
  /** How long a topic keeps being sampled after it was last asked about. */
  static final Duration INTEREST = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(CommittedInputProgress.class);
  private static final long CALL_TIMEOUT_SECONDS = 10;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> probe;
  private final String groupId;
  private final boolean streamsGroup;
  private final Map<String, Long> askedAt = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private volatile Map<TopicPartition, Boolean> caughtUp = Map.of();
  private boolean failing;

  /**
   * Samples the committed offsets of group {@code groupId} (a Streams-protocol group when {@code
   * streamsGroup}) on the cluster of {@code clientProps} every {@code interval}.
   */
  public CommittedInputProgress(
      Map<String, Object> clientProps, String groupId, boolean streamsGroup, Duration interval) {
    this.groupId = groupId;
    this.streamsGroup = streamsGroup;
    Map<String, Object> adminProps = new HashMap<>(clientProps);
    adminProps.keySet().retainAll(AdminClientConfig.configNames());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-input-progress");
    this.admin = Admin.create(adminProps);
    Map<String, Object> probeProps = new HashMap<>(clientProps);
    probeProps.keySet().retainAll(ConsumerConfig.configNames());
    probeProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
    probeProps.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-input-probe");
    probeProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    probeProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    probeProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    probeProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024);
    this.probe =
        new KafkaConsumer<>(probeProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hopper-input-progress");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(this::sampleQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** The progress of the application of {@code settings}, sampled every second. */
  public static CommittedInputProgress of(StreamsSettings settings) {
    Object protocol = settings.streamsProperties().get(StreamsConfig.GROUP_PROTOCOL_CONFIG);
    return new CommittedInputProgress(
        settings.streamsProperties(),
        settings.applicationId(),
        protocol != null && "streams".equalsIgnoreCase(protocol.toString()),
        Duration.ofSeconds(1));
  }

  @Override
  public boolean caughtUp(String topic, int partition) {
    askedAt.put(topic, System.nanoTime());
    return Boolean.TRUE.equals(caughtUp.get(new TopicPartition(topic, partition)));
  }

  @Override
  public boolean caughtUp(String topic) {
    askedAt.put(topic, System.nanoTime());
    boolean any = false;
    for (Map.Entry<TopicPartition, Boolean> e : caughtUp.entrySet()) {
      if (e.getKey().topic().equals(topic)) {
        if (!e.getValue()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private synchronized void sampleQuietly() {
    try {
      sample();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      caughtUp = Map.of();
      if (!failing) {
        failing = true;
        LOG.warn(
            "Input progress of {} unknown ({}): silent inputs are not taken for idle until it is"
                + " known again",
            groupId,
            e.getMessage());
      }
    }
  }

  /**
   * Takes one sample of the topics asked about recently. The sampling thread calls it every
   * interval; a caller (a test) may call it for a fresh answer, never concurrently with another.
   */
  public synchronized void sample() throws InterruptedException {
    long now = System.nanoTime();
    askedAt.values().removeIf(t -> now - t > INTEREST.toNanos());
    Set<String> topics = Set.copyOf(askedAt.keySet());
    if (topics.isEmpty()) {
      caughtUp = Map.of();
      return;
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e :
        admin.describeTopics(topics).topicNameValues().entrySet()) {
      try {
        get(e.getValue())
            .partitions()
            .forEach(p -> partitions.add(new TopicPartition(e.getKey(), p.partition())));
      } catch (IllegalStateException missing) {
        // not created yet: nothing to say about it
      }
    }
    Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, OffsetAndMetadata> committed = committed(partitions);
    List<TopicPartition> uncommitted =
        partitions.stream().filter(tp -> committed.get(tp) == null).toList();
    Map<TopicPartition, Long> start =
        uncommitted.isEmpty() ? Map.of() : offsets(uncommitted, OffsetSpec.earliest());
    Map<TopicPartition, Long> from = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata c = committed.get(tp);
      from.put(tp, c == null ? start.get(tp) : c.offset());
    }
    Map<TopicPartition, Boolean> next = new HashMap<>();
    List<TopicPartition> unsure = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      if (from.get(tp) >= end.get(tp)) {
        next.put(tp, true);
      } else {
        unsure.add(tp);
      }
    }
    next.putAll(probe(unsure, from, end));
    caughtUp = Map.copyOf(next);
    if (failing) {
      failing = false;
      LOG.info("Input progress of {} known again", groupId);
    }
  }

  /**
   * Reads each of {@code partitions} from {@code from} towards {@code end}: caught up when the
   * position reaches the end without a record (only markers or aborted records in between).
   */
  private Map<TopicPartition, Boolean> probe(
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> from,
      Map<TopicPartition, Long> end) {
    Map<TopicPartition, Boolean> out = new HashMap<>();
    if (partitions.isEmpty()) {
      return out;
    }
    probe.assign(partitions);
    partitions.forEach(tp -> probe.seek(tp, from.get(tp)));
    Set<TopicPartition> open = new HashSet<>(partitions);
    long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      probe
          .poll(Duration.ofMillis(100))
          .partitions()
          .forEach(
              tp -> {
                out.put(tp, false); // a readable record: not processed yet
                open.remove(tp);
              });
      for (TopicPartition tp : List.copyOf(open)) {
        if (probe.position(tp) >= end.get(tp)) {
          out.put(tp, true);
          open.remove(tp);
        }
      }
    }
    open.forEach(tp -> out.put(tp, false)); // no answer in time: not known to be caught up
    probe.assign(List.of());
    return out;
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException {
    Map<TopicPartition, ListOffsetsResultInfo> info =
        get(
            admin
                .listOffsets(
                    partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec)),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all());
    Map<TopicPartition, Long> out = new HashMap<>();
    info.forEach((tp, i) -> out.put(tp, i.offset()));
    return out;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(List<TopicPartition> partitions)
      throws InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> out =
        streamsGroup
            ? get(
                admin
                    .listStreamsGroupOffsets(
                        Map.of(
                            groupId, new ListStreamsGroupOffsetsSpec().topicPartitions(partitions)))
                    .partitionsToOffsetAndMetadata(groupId))
            : get(
                admin
                    .listConsumerGroupOffsets(
                        Map.of(
                            groupId,
                            new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)))
                    .partitionsToOffsetAndMetadata(groupId));
    return out == null ? Map.of() : out;
  }

  private static <T> T get(KafkaFuture<T> future) throws InterruptedException {
    return KafkaFutures.get(future, CALL_TIMEOUT_SECONDS);
  }

  @Override
  public String toString() {
    return "CommittedInputProgress"
        + new java.util.TreeMap<>(
            caughtUp.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    probe.close(Duration.ofSeconds(2));
    admin.close(Duration.ofSeconds(2));
  }
}
