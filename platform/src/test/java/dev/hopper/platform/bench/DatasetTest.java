package dev.hopper.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.producers.generate.RecordLabel;
import dev.hopper.topics.HopperTopic;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {

  @Test
  void expectationCountsWhatAnExactRunMustOutput() {
    BenchOptions options =
        Bench.parse("--quick", "--orders", "3000", "--customers", "500", "--products", "50");
    GeneratorConfig config = Dataset.config(options);
    Dataset.Expectation e = Dataset.expect(config);

    // An independent count over the same records.
    long orders = 0;
    long trailing = 0;
    long perTopicOrders = 0;
    Set<String> windows = new HashSet<>();
    Iterator<GeneratedRecord> it = DataGenerator.stream(config);
    while (it.hasNext()) {
      GeneratedRecord r = it.next();
      if (r.topic() != HopperTopic.SHOP_ORDERS) {
        continue;
      }
      perTopicOrders++;
      if (r.label() == RecordLabel.TRAILER) {
        trailing++;
      } else {
        orders++;
        long t = r.order().getOrderTime().toEpochMilli();
        windows.add(r.order().getCategory() + "@" + (t - Math.floorMod(t, 60_000L)));
      }
    }
    assertThat(e.count(HopperTopic.SHOP_ORDERS)).isEqualTo(perTopicOrders);
    assertThat(e.orders()).isEqualTo(orders).isGreaterThanOrEqualTo(3000);
    assertThat(e.trailingOrders()).isEqualTo(trailing).isEqualTo(options.partitions() * 7L);
    assertThat(e.windows()).isEqualTo(windows.size());
    assertThat(e.windowedOrders()).isEqualTo(orders); // no late orders in the backlog
    assertThat(e.rejected()).isZero();
    assertThat(e.streamInputs())
        .isEqualTo(
            e.count(HopperTopic.SHOP_ORDERS)
                + e.count(HopperTopic.SHOP_PAYMENTS)
                + e.count(HopperTopic.CRYPTO_QUOTES)
                + e.count(HopperTopic.SHOP_PRODUCTS));
    assertThat(e.count(HopperTopic.SHOP_CUSTOMERS)).isEqualTo(500);
  }
}
