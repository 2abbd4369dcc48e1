package dev.hopper.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Hopper's topics with their explicit settings when missing, and checks the invariants the
 * topology relies on. Idempotent: running it against an existing deployment changes nothing.
 */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TopicAdmin() {}

  /** Creates every missing topic of {@code specs}; existing topics are left as they are. */
  public static void ensureTopics(Admin admin, Collection<TopicSpec> specs) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : specs) {
        if (!existing.contains(spec.name())) {
          missing.add(
              new NewTopic(spec.name(), java.util.Optional.of(spec.partitions()), replication(spec))
                  .configs(spec.configs()));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          LOG.info("Created topic {}", entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "Cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      awaitReady(
          admin,
          missing.stream().map(NewTopic::name).toList(),
          Duration.ofSeconds(TIMEOUT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot reach Kafka to create topics: " + rootMessage(e), e);
    }
  }

  /**
   * Waits until the leader of every partition of {@code topics} serves requests. A topic created a
   * moment ago is known to the controller before its leaders have created the partitions: produce
   * requests then fail with NOT_LEADER_OR_FOLLOWER, and an idempotent producer whose pipelined
   * batches straddle that moment can be stuck on sequence errors. A ListOffsets request is answered
   * by the partition's leader itself, so its success for every partition means the topic is ready.
   */
  public static void awaitReady(Admin admin, Collection<String> topics, Duration timeout) {
    if (topics.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    try {
      while (System.nanoTime() < deadline) {
        try {
          Map<String, TopicDescription> descriptions =
              admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          descriptions
              .values()
              .forEach(
                  d ->
                      d.partitions()
                          .forEach(
                              p ->
                                  latest.put(
                                      new TopicPartition(d.name(), p.partition()),
                                      OffsetSpec.latest())));
          admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          last = rootMessage(e);
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for topics " + topics, e);
    }
    throw new IllegalStateException(
        "Topics " + topics + " not ready after " + timeout.toSeconds() + " s: " + last);
  }

  /**
   * Fails with a clear message when {@code shop.orders} and {@code shop.payments} differ in
   * partition count: payment reconciliation co-partitions them by orderId.
   */
  public static void checkCoPartitioned(Admin admin, TopicCatalog catalog) {
    String orders = catalog.name(HopperTopic.SHOP_ORDERS);
    String payments = catalog.name(HopperTopic.SHOP_PAYMENTS);
    Map<String, Integer> counts = partitionCounts(admin, List.of(orders, payments));
    if (!counts.get(orders).equals(counts.get(payments))) {
      throw new IllegalStateException(
          "Topics "
              + orders
              + " ("
              + counts.get(orders)
              + " partitions) and "
              + payments
              + " ("
              + counts.get(payments)
              + " partitions) must have the same partition count: payments are joined to orders"
              + " by orderId");
    }
  }

  /** Partition count of each named topic. */
  public static Map<String, Integer> partitionCounts(Admin admin, Collection<String> topics) {
    try {
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return descriptions.values().stream()
          .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot describe topics " + topics + ": " + rootMessage(e), e);
    }
  }

  private static java.util.Optional<Short> replication(TopicSpec spec) {
    return spec.replicationFactor() < 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(spec.replicationFactor());
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
