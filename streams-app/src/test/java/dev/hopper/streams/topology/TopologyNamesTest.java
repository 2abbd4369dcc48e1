package dev.hopper.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.topics.TopicCatalog;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopologyNamesTest {
  private static final String SCOPE = "names-test";

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldNameEveryStoreAndRepartitionTopicExplicitly() {
    HopperSerdes serdes =
        new HopperSerdes(
            new RegistrySerdeFactory(Map.of("schema.registry.url", "mock://" + SCOPE)));
    TopologyDescription description =
        HopperTopology.build(
                Topics.from(TopicCatalog.defaults(), serdes),
                serdes,
                TopologySettings.defaults(3, 3))
            .describe();
    String text = description.toString();

    // Generated names (KSTREAM-..., KTABLE-...) would change when the topology evolves
    assertThat(text).doesNotContain("STATE-STORE-0", "KSTREAM-AGGREGATE", "-repartition-0");
    assertThat(text)
        .contains(
            Names.ORDERS_BY_PRODUCT + "-repartition",
            Names.QUOTES_BROADCAST + "-repartition",
            Names.SALES_BY_CATEGORY_REPARTITION + "-repartition",
            Names.ORDERS_BY_CUSTOMER + "-repartition",
            Names.candlesStore("1m"),
            Names.candlesStore("5m"),
            Names.candlesStore("1h"),
            Names.salesStore("1m"),
            Names.CUSTOMER_STATS_STORE,
            Names.QUOTE_HISTORY_STORE,
            Names.PAYMENTS_PENDING_ORDERS_STORE);
    // orders and payments are read by one sub-topology: co-partitioned by orderId
    assertThat(description.subtopologies())
        .anySatisfy(
            s ->
                assertThat(s.toString())
                    .contains("[shop.orders]")
                    .contains("[shop.payments]")
                    .contains(Names.PAYMENT_RECONCILIATION));
  }
}
