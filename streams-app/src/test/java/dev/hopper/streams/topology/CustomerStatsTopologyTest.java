package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CustomerStats;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerStatsTopologyTest {
  @TempDir Path state;

  @Test
  void shouldKeepRunningStatsPerCustomerInStore() {
    try (Fixture f = new Fixture(state)) {
      f.order(Samples.order("o1", "alice", "p1", "Books", 2, "100.00", "10.00", at(60)).build());
      f.order(Samples.order("o2", "alice", "p2", "Toys", 1, "50.00", "0.00", at(0)).build());
      f.order(Samples.order("o3", "bob", "p1", "Books", 1, "10.00", "0.00", at(30)).build());
      f.order(Samples.order("bad", "alice", "p1", "Books", 0, "10.00", "0.00", at(90)).build());

      KeyValueStore<String, ValueAndTimestamp<CustomerStats>> store =
          f.driver.getTimestampedKeyValueStore(Names.CUSTOMER_STATS_STORE);
      CustomerStats alice = store.get("alice").value();
      assertThat(alice.getOrders()).isEqualTo(2);
      assertThat(alice.getTotalSpent()).isEqualByComparingTo(new BigDecimal("230.00"));
      assertThat(alice.getCurrency()).isEqualTo("INR");
      assertThat(alice.getLastOrderTime()).isEqualTo(at(60)); // max, not last arrived
      assertThat(store.get("bob").value().getOrders()).isEqualTo(1);
      assertThat(store.get("carol")).isNull();
    }
  }
}
