package dev.hopper.streams.monitor;

import java.util.List;

/**
 * One sample of the cluster taken by {@link ClusterSampler}. Parts sampled less often (subjects) or
 * that may be unavailable (Connect, the dead-letter count) carry their own time or error.
 *
 * @param sampledAt when the topics, offsets and groups were read (ISO-8601 UTC)
 * @param sizesAt when the topics' sizes were read (less often than the offsets), null before
 * @param errors what could not be read in this sample
 * @param connectUrl the Connect REST API asked, null when none is configured
 * @param connectors the connectors, null when Connect is not configured or did not answer
 * @param subjects the registry's subjects, null until read once
 * @param deadLetters the dead-letter count, null until the dead-letter topic exists
 */
public record ClusterSnapshot(
    String sampledAt,
    List<MonitorViews.Topic> topics,
    String sizesAt,
    List<MonitorViews.Group> groups,
    List<String> errors,
    String connectUrl,
    List<MonitorViews.Connector> connectors,
    String connectError,
    List<MonitorViews.Subject> subjects,
    String subjectsAt,
    String subjectsError,
    MonitorViews.DeadLetters deadLetters,
    String deadLettersError) {

  /** This sample with {@code error} added to its errors (a later sample failed). */
  public ClusterSnapshot withError(String error) {
    List<String> all = new java.util.ArrayList<>();
    for (String e : errors) {
      if (!e.startsWith("sampling failed at ")) {
        all.add(e);
      }
    }
    all.add(error);
    return new ClusterSnapshot(
        sampledAt,
        topics,
        sizesAt,
        groups,
        List.copyOf(all),
        connectUrl,
        connectors,
        connectError,
        subjects,
        subjectsAt,
        subjectsError,
        deadLetters,
        deadLettersError);
  }
}
