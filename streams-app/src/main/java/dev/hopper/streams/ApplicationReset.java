package dev.hopper.streams;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --reset}: makes the next start reprocess all retained input from the beginning, as Kafka's
 * application reset tool does. The consumer group's committed offsets are deleted (Streams then
 * starts from the earliest offsets), and the application's internal topics (repartition and
 * changelog topics) are deleted; the caller wipes the local state with {@code
 * KafkaStreams.cleanUp()}. Output topics are left alone: outputs are keyed, so reprocessing
 * rewrites the same keys with the same values.
 */
public final class ApplicationReset {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationReset.class);
  private static final long TIMEOUT_SECONDS = 60;

  private ApplicationReset() {}

  /** Resets {@code applicationId}; fails when instances of it are still running. */
  public static void reset(Admin admin, String applicationId) {
    try {
      ConsumerGroupDescription group = null;
      try {
        group =
            admin
                .describeConsumerGroups(List.of(applicationId))
                .describedGroups()
                .get(applicationId)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
      }
      if (group != null && !group.members().isEmpty()) {
        throw new IllegalStateException(
            "Cannot reset "
                + applicationId
                + ": "
                + group.members().size()
                + " instance(s) still running; stop them first");
      }
      if (group != null && group.groupState() != GroupState.DEAD) {
        try {
          admin
              .deleteConsumerGroups(List.of(applicationId))
              .all()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          LOG.info("Reset: deleted the committed offsets of {}", applicationId);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof GroupIdNotFoundException)) {
            throw e;
          }
        }
      }
      Set<String> topics = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<String> internal =
          topics.stream().filter(t -> isInternalTopic(applicationId, t)).sorted().toList();
      if (!internal.isEmpty()) {
        admin.deleteTopics(internal).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("Reset: deleted {} internal topic(s) of {}", internal.size(), applicationId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while resetting " + applicationId, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "Cannot reset " + applicationId + ": " + cause.getMessage(), e);
    }
  }

  /** Whether {@code topic} is a repartition or changelog topic of {@code applicationId}. */
  public static boolean isInternalTopic(String applicationId, String topic) {
    return topic.startsWith(applicationId + "-")
        && (topic.endsWith("-changelog") || topic.endsWith("-repartition"));
  }
}
