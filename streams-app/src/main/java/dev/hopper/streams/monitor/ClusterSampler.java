package dev.hopper.streams.monitor;

import dev.hopper.registry.client.SchemaRegistryClient;
import dev.hopper.streams.KafkaFutures;
import dev.hopper.streams.config.MonitorSettings;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the cluster for the monitoring page on a timer of its own, so that requests only read the
 * latest {@link ClusterSnapshot}: Hopper's topics and the app's internal topics (partitions,
 * offsets, sizes from the brokers' log dirs), the offset rates over the last window, the app's
 * consumer group and the Kafka Connect sink groups with their lag, the connectors, the registry's
 * subjects and the dead-letter count. A part that fails keeps its last good value and reports the
 * error; the sampler never stops on a failure.
 */
public final class ClusterSampler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSampler.class);
  private static final long CALL_TIMEOUT_SECONDS = 10;

  /** Log-dir sizes are read less often than offsets: the answer lists every replica. */
  private static final Duration SIZES_PERIOD = Duration.ofSeconds(10);

  private static final Duration SUBJECTS_PERIOD = Duration.ofSeconds(30);
  private static final Duration DEAD_LETTER_BUDGET = Duration.ofSeconds(2);
  private static final String CONNECT_GROUP_PREFIX = "connect-";
  private static final int MAX_SUBJECTS = 500;

  private final MonitorSettings settings;
  private final TopicCatalog catalog;
  private final String applicationId;
  private final Clock clock;
  private final Admin admin;
  private final SchemaRegistryClient registry;
  private final ConnectStatusReader connect;
  private final DeadLetterCounter deadLetters;
  private final OffsetRates rates;
  private final Map<String, String> roles = new HashMap<>();
  private ScheduledExecutorService timer;
  private volatile boolean closing;

  private volatile ClusterSnapshot snapshot;
  private long sizesRead = Long.MIN_VALUE;
  private long subjectsRead = Long.MIN_VALUE;
  private Map<TopicPartition, Long> sizes = Map.of();
  private String sizesAt;
  private String sizesError;
  private List<MonitorViews.Subject> subjects;
  private String subjectsAt;
  private String subjectsError;
  private String consecutiveFailure;

  /**
   * A sampler of the cluster in {@code clientProps} (Kafka client keys: bootstrap, security) for
   * the app {@code applicationId} reading and writing the topics of {@code catalog}; {@code
   * registry} may be null (no subjects then).
   */
  public ClusterSampler(
      MonitorSettings settings,
      Map<String, Object> clientProps,
      TopicCatalog catalog,
      String applicationId,
      SchemaRegistryClient registry,
      Clock clock) {
    this.settings = settings;
    this.catalog = catalog;
    this.applicationId = applicationId;
    this.clock = clock;
    this.registry = registry;
    this.rates = new OffsetRates(settings.rateWindow());
    for (HopperTopic t : HopperTopic.values()) {
      roles.put(catalog.name(t), t.role().name());
    }
    Map<String, Object> adminProps = new HashMap<>(clientProps);
    adminProps.keySet().retainAll(AdminClientConfig.configNames());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-monitor");
    this.admin = Admin.create(adminProps);
    this.connect = settings.connectUrl().map(ConnectStatusReader::new).orElse(null);
    this.deadLetters =
        new DeadLetterCounter(
            clientProps,
            catalog.name(HopperTopic.REJECTED),
            applicationId + "-monitor-dead-letters");
  }

  /** Samples now and then every {@link MonitorSettings#sampleInterval()}, on a daemon thread. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hopper-monitor");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::sampleQuietly, 0, settings.sampleInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The latest sample, or null before the first one completed. */
  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  /** The monitor's settings. */
  public MonitorSettings settings() {
    return settings;
  }

  private void sampleQuietly() {
    try {
      sample();
      if (consecutiveFailure != null) {
        LOG.info("Monitor sampling works again");
        consecutiveFailure = null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (closing) {
        return; // interrupted by close()
      }
      String message = message(e);
      // The last good sample stays, flagged: the page shows its time and this error.
      ClusterSnapshot last = snapshot;
      if (last != null) {
        snapshot =
            last.withError(
                "sampling failed at " + Instant.ofEpochMilli(clock.millis()) + ": " + message);
      }
      if (!message.equals(consecutiveFailure)) {
        LOG.warn("Monitor sampling failed: {}", message);
        consecutiveFailure = message;
      }
    }
  }

  /** Takes one sample (the timer's work; tests call it directly). */
  void sample() throws InterruptedException {
    long now = clock.millis();
    String at = Instant.ofEpochMilli(now).toString();
    List<String> errors = new ArrayList<>();

    // Topics: Hopper's, then the app's internal ones.
    Set<String> names = new TreeSet<>(roles.keySet());
    String internalPrefix = applicationId + "-";
    for (String name : get(admin.listTopics().names())) {
      if (name.startsWith(internalPrefix)
          && (name.endsWith("-changelog") || name.endsWith("-repartition"))) {
        names.add(name);
      }
    }
    Map<String, TopicDescription> described = new TreeMap<>();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e :
        admin.describeTopics(names).topicNameValues().entrySet()) {
      try {
        described.put(e.getKey(), get(e.getValue()));
      } catch (RuntimeException ex) {
        if (roles.containsKey(e.getKey())) {
          errors.add("topic " + e.getKey() + ": " + message(ex));
        }
      }
    }

    // Groups: the app's own and the Connect sinks', with their committed offsets.
    GroupSample groups = sampleGroups(described.keySet(), errors);

    // Offsets of every partition shown, and of any other partition a group committed on.
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (TopicDescription d : described.values()) {
      for (TopicPartitionInfo p : d.partitions()) {
        TopicPartition tp = new TopicPartition(d.name(), p.partition());
        latest.put(tp, OffsetSpec.latest());
        earliest.put(tp, OffsetSpec.earliest());
      }
    }
    groups
        .offsets()
        .values()
        .forEach(m -> m.keySet().forEach(tp -> latest.putIfAbsent(tp, OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = offsets(latest, errors);
    Map<TopicPartition, Long> starts = offsets(earliest, errors);

    if (sizesRead == Long.MIN_VALUE || now - sizesRead >= SIZES_PERIOD.toMillis()) {
      sizesRead = now;
      sampleSizes(at);
    }
    if (subjectsRead == Long.MIN_VALUE || now - subjectsRead >= SUBJECTS_PERIOD.toMillis()) {
      subjectsRead = now;
      sampleSubjects(at, described.keySet());
    }
    if (sizesError != null) {
      errors.add("sizes: " + sizesError);
    }

    Map<String, Long> endPerTopic = new HashMap<>();
    for (TopicDescription d : described.values()) {
      long sum = 0;
      boolean complete = true;
      for (TopicPartitionInfo p : d.partitions()) {
        Long end = ends.get(new TopicPartition(d.name(), p.partition()));
        if (end == null) {
          complete = false;
        } else {
          sum += end;
        }
      }
      if (complete) {
        endPerTopic.put(d.name(), sum);
      }
    }
    rates.add(now, endPerTopic);

    List<MonitorViews.Topic> topics = new ArrayList<>();
    for (TopicDescription d : described.values()) {
      topics.add(topicView(d, starts, ends));
    }
    List<MonitorViews.Group> groupViews = groupViews(groups, ends);

    List<MonitorViews.Connector> connectors = null;
    String connectError = null;
    if (connect != null) {
      try {
        connectors = connect.connectors();
      } catch (java.io.IOException e) {
        connectError = message(e);
      }
    }

    MonitorViews.DeadLetters dead = null;
    String deadError = null;
    TopicDescription rejected = described.get(deadLetters.topic());
    if (rejected != null) {
      try {
        long n = deadLetters.advance(rejected.partitions().size(), DEAD_LETTER_BUDGET);
        dead =
            new MonitorViews.DeadLetters(
                deadLetters.topic(),
                n,
                deadLetters.caughtUp(),
                Instant.ofEpochMilli(clock.millis()).toString());
      } catch (RuntimeException e) {
        deadError = message(e);
      }
    }

    snapshot =
        new ClusterSnapshot(
            at,
            List.copyOf(topics),
            sizesAt,
            List.copyOf(groupViews),
            List.copyOf(errors),
            connect == null ? null : connect.baseUrl(),
            connectors,
            connectError,
            subjects,
            subjectsAt,
            subjectsError,
            dead,
            deadError);
  }

  // ------------------------------------------------------------------------------------ topics

  private MonitorViews.Topic topicView(
      TopicDescription d, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
    String name = d.name();
    String role = roles.get(name);
    boolean internal = role == null;
    if (internal) {
      role = name.endsWith("-changelog") ? "CHANGELOG" : "REPARTITION";
    }
    List<MonitorViews.Partition> partitions = new ArrayList<>();
    long start = 0;
    long end = 0;
    Long size = 0L;
    int replication = 0;
    for (TopicPartitionInfo p : d.partitions()) {
      TopicPartition tp = new TopicPartition(name, p.partition());
      long s = starts.getOrDefault(tp, 0L);
      long e = ends.getOrDefault(tp, 0L);
      Long bytes = sizes.get(tp);
      start += s;
      end += e;
      size = size == null || bytes == null ? null : size + bytes;
      replication = Math.max(replication, p.replicas().size());
      Node leader = p.leader();
      partitions.add(
          new MonitorViews.Partition(
              p.partition(), leader == null ? null : leader.id(), s, e, bytes));
    }
    if (sizes.isEmpty()) {
      size = null;
    }
    OffsetRates.Rate rate = rates.rate(name);
    return new MonitorViews.Topic(
        name,
        role,
        internal,
        d.partitions().size(),
        replication,
        start,
        end,
        rate == null ? null : round(rate.perSecond()),
        rate == null ? null : round(rate.spanSeconds()),
        size,
        partitions);
  }

  private void sampleSizes(String at) throws InterruptedException {
    try {
      Collection<Node> nodes = get(admin.describeCluster().nodes());
      List<Integer> ids = nodes.stream().map(Node::id).toList();
      Map<Integer, Map<String, LogDirDescription>> dirs =
          get(admin.describeLogDirs(ids).allDescriptions());
      Map<TopicPartition, Long> out = new HashMap<>();
      for (Map<String, LogDirDescription> perBroker : dirs.values()) {
        for (LogDirDescription dir : perBroker.values()) {
          for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
            if (!r.getValue().isFuture()) {
              out.merge(r.getKey(), r.getValue().size(), Math::max);
            }
          }
        }
      }
      sizes = out;
      sizesAt = at;
      sizesError = null;
    } catch (RuntimeException e) {
      sizesError = message(e);
    }
  }

  private Map<TopicPartition, Long> offsets(
      Map<TopicPartition, OffsetSpec> specs, List<String> errors) throws InterruptedException {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (specs.isEmpty()) {
      return out;
    }
    try {
      get(admin.listOffsets(specs).all()).forEach((tp, info) -> out.put(tp, info.offset()));
    } catch (RuntimeException e) {
      errors.add("offsets: " + message(e));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ groups

  /** The groups shown and their committed offsets. */
  private record GroupSample(
      Map<String, GroupListing> listings,
      Map<String, Map<TopicPartition, Long>> offsets,
      Map<String, ConsumerGroupDescription> descriptions) {}

  private GroupSample sampleGroups(Set<String> topics, List<String> errors)
      throws InterruptedException {
    Map<String, GroupListing> listings = new TreeMap<>();
    Map<String, Map<TopicPartition, Long>> offsets = new TreeMap<>();
    Map<String, ConsumerGroupDescription> descriptions = new HashMap<>();
    try {
      for (GroupListing g : get(admin.listGroups().all())) {
        if (g.groupId().equals(applicationId) || g.groupId().startsWith(CONNECT_GROUP_PREFIX)) {
          listings.put(g.groupId(), g);
        }
      }
    } catch (RuntimeException e) {
      errors.add("consumer groups: " + message(e));
      return new GroupSample(listings, offsets, descriptions);
    }
    Map<String, ListConsumerGroupOffsetsSpec> consumerSpecs = new LinkedHashMap<>();
    Map<String, ListStreamsGroupOffsetsSpec> streamsSpecs = new LinkedHashMap<>();
    listings.forEach(
        (id, g) -> {
          if (g.type().orElse(GroupType.CLASSIC) == GroupType.STREAMS) {
            streamsSpecs.put(id, new ListStreamsGroupOffsetsSpec());
          } else if (g.type().orElse(GroupType.CLASSIC) != GroupType.SHARE) {
            consumerSpecs.put(id, new ListConsumerGroupOffsetsSpec());
          }
        });
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
    if (!consumerSpecs.isEmpty()) {
      var result = admin.listConsumerGroupOffsets(consumerSpecs);
      for (String id : consumerSpecs.keySet()) {
        try {
          committed.put(id, get(result.partitionsToOffsetAndMetadata(id)));
        } catch (RuntimeException e) {
          errors.add("group " + id + ": " + message(e));
        }
      }
    }
    if (!streamsSpecs.isEmpty()) {
      var result = admin.listStreamsGroupOffsets(streamsSpecs);
      for (String id : streamsSpecs.keySet()) {
        try {
          committed.put(id, get(result.partitionsToOffsetAndMetadata(id)));
        } catch (RuntimeException e) {
          errors.add("group " + id + ": " + message(e));
        }
      }
    }
    for (Map.Entry<String, Map<TopicPartition, OffsetAndMetadata>> e : committed.entrySet()) {
      Map<TopicPartition, Long> m = new HashMap<>();
      e.getValue()
          .forEach(
              (tp, o) -> {
                if (o != null) {
                  m.put(tp, o.offset());
                }
              });
      // A Connect group is shown when it reads one of the topics shown: another deployment's
      // sinks on the same cluster are not Hopper's.
      boolean ours =
          e.getKey().equals(applicationId)
              || m.keySet().stream().anyMatch(tp -> topics.contains(tp.topic()));
      if (ours) {
        offsets.put(e.getKey(), m);
      }
    }
    listings.keySet().removeIf(id -> !id.equals(applicationId) && !offsets.containsKey(id));
    List<String> consumerGroups =
        listings.keySet().stream().filter(consumerSpecs::containsKey).toList();
    if (!consumerGroups.isEmpty()) {
      var described = admin.describeConsumerGroups(consumerGroups).describedGroups();
      for (String id : consumerGroups) {
        try {
          descriptions.put(id, get(described.get(id)));
        } catch (RuntimeException e) {
          // the state from the listing is shown instead
        }
      }
    }
    return new GroupSample(listings, offsets, descriptions);
  }

  private List<MonitorViews.Group> groupViews(GroupSample groups, Map<TopicPartition, Long> ends) {
    Set<String> ids = new TreeSet<>(groups.listings().keySet());
    ids.add(applicationId);
    List<MonitorViews.Group> out = new ArrayList<>();
    for (String id : ids) {
      GroupListing listing = groups.listings().get(id);
      ConsumerGroupDescription description = groups.descriptions().get(id);
      String state;
      Integer members = null;
      if (description != null) {
        state = description.groupState().name();
        members = description.members().size();
      } else if (listing != null && listing.groupState().isPresent()) {
        state = listing.groupState().get().name();
      } else {
        state = listing == null ? "NOT_FOUND" : "UNKNOWN";
      }
      Map<TopicPartition, Long> committed = groups.offsets().getOrDefault(id, Map.of());
      Map<String, List<MonitorViews.GroupPartition>> perTopic = new TreeMap<>();
      for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
        Long end = ends.get(e.getKey());
        if (end == null) {
          continue;
        }
        long lag = Math.max(0, end - e.getValue());
        perTopic
            .computeIfAbsent(e.getKey().topic(), t -> new ArrayList<>())
            .add(new MonitorViews.GroupPartition(e.getKey().partition(), e.getValue(), end, lag));
      }
      List<MonitorViews.GroupTopic> topics = new ArrayList<>();
      long total = 0;
      for (Map.Entry<String, List<MonitorViews.GroupPartition>> e : perTopic.entrySet()) {
        List<MonitorViews.GroupPartition> ps = new ArrayList<>(e.getValue());
        ps.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        long lag = ps.stream().mapToLong(MonitorViews.GroupPartition::lag).sum();
        total += lag;
        topics.add(new MonitorViews.GroupTopic(e.getKey(), lag, List.copyOf(ps)));
      }
      out.add(
          new MonitorViews.Group(
              id,
              id.equals(applicationId) ? "streams-app" : "connect-sink",
              state,
              members,
              topics.isEmpty() ? null : total,
              List.copyOf(topics)));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- registry

  /** Reads the subjects, naming the topic of those that follow the topic name strategy. */
  private void sampleSubjects(String at, Set<String> topics) {
    if (registry == null) {
      return;
    }
    try {
      Map<String, String> topicOfSubject = new HashMap<>();
      for (String topic : topics) {
        topicOfSubject.put(topic + "-value", topic);
        topicOfSubject.put(topic + "-key", topic);
      }
      List<String> all = new ArrayList<>(new TreeSet<>(registry.getAllSubjects()));
      // Subjects of Hopper's own topics first, then the app's internal ones, then any other: a
      // crowded shared registry still shows Hopper's.
      all.sort(
          java.util.Comparator.comparingInt(
              (String subject) -> {
                String topic = topicOfSubject.get(subject);
                return topic == null ? 2 : roles.containsKey(topic) ? 0 : 1;
              }));
      List<MonitorViews.Subject> out = new ArrayList<>();
      for (String subject : all.subList(0, Math.min(all.size(), MAX_SUBJECTS))) {
        List<Integer> versions = new ArrayList<>(registry.getAllVersions(subject));
        versions.sort(Integer::compare);
        out.add(
            new MonitorViews.Subject(subject, topicOfSubject.get(subject), List.copyOf(versions)));
      }
      subjects = List.copyOf(out);
      subjectsAt = at;
      subjectsError = null;
    } catch (RuntimeException e) {
      subjectsError = message(e);
    }
  }

  // ----------------------------------------------------------------------------------- helpers

  private static <T> T get(KafkaFuture<T> future) throws InterruptedException {
    return KafkaFutures.get(future, CALL_TIMEOUT_SECONDS);
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  @Override
  public void close() {
    closing = true;
    synchronized (this) {
      if (timer != null) {
        deadLetters.wakeup();
        timer.shutdownNow();
        try {
          timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    deadLetters.close();
    admin.close(Duration.ofSeconds(5));
    if (registry != null) {
      registry.close();
    }
  }
}
