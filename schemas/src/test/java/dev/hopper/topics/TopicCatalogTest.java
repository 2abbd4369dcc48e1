package dev.hopper.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.config.LayeredConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

  @Test
  void shouldKeepStreamsBySizeAndCompactTables() {
    TopicCatalog catalog = TopicCatalog.defaults();

    TopicSpec orders = catalog.spec(HopperTopic.SHOP_ORDERS);
    assertThat(orders.name()).isEqualTo("shop.orders");
    assertThat(orders.configs())
        .containsEntry("retention.ms", "-1")
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.bytes", Long.toString(TopicCatalog.DEFAULT_RETENTION_BYTES));
    assertThat(catalog.spec(HopperTopic.SHOP_PRODUCTS).configs())
        .containsEntry("cleanup.policy", "compact")
        .doesNotContainKey("retention.ms");
    assertThat(catalog.all()).hasSize(HopperTopic.values().length);
  }

  @Test
  void shouldTakeNamesAndPartitionsFromConfigurationAndEnvironment() {
    LayeredConfig config =
        LayeredConfig.builder()
            .environment(
                Map.of(
                    "HOPPER_TOPIC_PARTITIONS", "2",
                    "HOPPER_TOPIC_SHOP_ORDERS_PAYMENT_STATUS_NAME", "prod.payment-status",
                    "HOPPER_TOPIC_CRYPTO_QUOTES_PARTITIONS", "8"))
            .build();

    TopicCatalog catalog = TopicCatalog.from(config);

    assertThat(catalog.name(HopperTopic.SHOP_ORDERS_PAYMENT_STATUS))
        .isEqualTo("prod.payment-status");
    assertThat(catalog.spec(HopperTopic.CRYPTO_QUOTES).partitions()).isEqualTo(8);
    assertThat(catalog.spec(HopperTopic.SHOP_ORDERS).partitions()).isEqualTo(2);
    assertThat(catalog.spec(HopperTopic.SHOP_ORDERS).replicationFactor()).isEqualTo((short) -1);
  }
}
