package dev.hopper.streams;

import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicAdmin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What every start of the streams app does before Kafka Streams runs, shared by {@code
 * hopper-streams.jar} and the all-in-one launcher: create missing topics, check that orders and
 * payments are co-partitioned, read the real partition counts the topology depends on, and on
 * request reset the application to reprocess all retained input.
 */
public final class StreamsStartup {
  private StreamsStartup() {}

  /** Prepares Kafka for {@code settings}; returns them with the real partition counts. */
  public static StreamsSettings prepare(StreamsSettings settings, boolean reset) {
    Map<String, Object> adminProps = new HashMap<>(settings.streamsProperties());
    adminProps.keySet().retainAll(AdminClientConfig.configNames());
    try (Admin admin = Admin.create(adminProps)) {
      TopicAdmin.ensureTopics(admin, settings.catalog().all());
      TopicAdmin.checkCoPartitioned(admin, settings.catalog());
      String orders = settings.catalog().name(HopperTopic.SHOP_ORDERS);
      String products = settings.catalog().name(HopperTopic.SHOP_PRODUCTS);
      Map<String, Integer> counts = TopicAdmin.partitionCounts(admin, List.of(orders, products));
      StreamsSettings prepared = settings.withPartitions(counts.get(orders), counts.get(products));
      if (reset) {
        ApplicationReset.reset(admin, prepared.applicationId());
      }
      return prepared;
    }
  }
}
