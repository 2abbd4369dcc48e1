package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.EnrichmentFlag;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.FlowSerde;
import dev.hopper.streams.topology.flow.Watermarks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silence is idleness only when nothing waits to be read. An application that is slow (starting,
 * starved of CPU, behind on a backlog) sees no input for a while although its inputs have records:
 * it must neither leave an orders partition out of the sales watermark, which would close windows
 * the partition's backlog still has orders for, nor value held orders without the quotes that wait
 * to be read.
 */
class SilentInputTest {
  private static final String BROADCAST =
      "topology-test-" + Names.QUOTES_BROADCAST + "-repartition";
  private static final String BY_PRODUCT =
      "topology-test-" + Names.ORDERS_BY_PRODUCT + "-repartition";

  @TempDir Path state;

  @Test
  void shouldNotCallAnOrdersPartitionIdleWhileOrdersWaitToBeRead() {
    Backlog progress = new Backlog();
    try (Fixture f = new Fixture(state, TopologySettings.defaults(1, 1), progress)) {
      progress.behind(f.topics.orders().name());
      TestOutputTopic<String, Flow> byProduct = byProduct(f);
      f.order(Samples.order("o1", at(10)).build());
      f.tick();
      byProduct.readValuesToList(); // the order and the partition's watermark

      f.driver.advanceWallClockTime(Duration.ofMinutes(2)); // silent, but not caught up
      assertThat(idleReports(byProduct.readValuesToList())).isZero();
      assertThat(progress.asked).contains(f.topics.orders().name());

      progress.readAll(f.topics.orders().name());
      f.tick();
      assertThat(idleReports(byProduct.readValuesToList())).isOne();
    }
  }

  @Test
  void shouldHoldOrdersWhileTheirQuotesWaitToBeRead() {
    Backlog progress = new Backlog();
    try (Fixture f = new Fixture(state, TopologySettings.defaults(1, 1), progress)) {
      progress.behind(f.topics.quotes().name()).behind(BROADCAST);
      f.order(Samples.order("o1", at(60)).build());
      f.tick();
      f.driver.advanceWallClockTime(Duration.ofMinutes(2)); // no quote, but quotes are unread
      assertThat(f.enriched.isEmpty()).isTrue();

      progress.readAll(f.topics.quotes().name());
      f.tick();
      assertThat(f.enriched.isEmpty()).isTrue(); // the broadcast partition is still behind

      progress.readAll(BROADCAST);
      f.tick();
      List<EnrichedOrder> out = f.enriched.readValuesToList();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).getFlags()).contains(EnrichmentFlag.QUOTE_MISSING);
    }
  }

  @Test
  void shouldValueHeldOrdersWithTheQuotesThatWereWaiting() {
    Backlog progress = new Backlog();
    try (Fixture f = new Fixture(state, TopologySettings.defaults(1, 1), progress)) {
      progress.behind(f.topics.quotes().name());
      f.order(Samples.order("o1", at(60)).build());
      f.driver.advanceWallClockTime(Duration.ofMinutes(2)); // starved: the quotes come late
      f.bitcoin(60_000, 5_000_000, at(0));
      f.bitcoin(61_000, 5_100_000, at(120)); // settles the order's time
      f.tick();
      List<EnrichedOrder> out = f.enriched.readValuesToList();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).getFlags()).doesNotContain(EnrichmentFlag.QUOTE_MISSING);
      assertThat(out.get(0).getQuoteTime()).isEqualTo(at(0));
    }
  }

  private static TestOutputTopic<String, Flow> byProduct(Fixture f) {
    return f.driver.createOutputTopic(
        BY_PRODUCT, Serdes.String().deserializer(), new FlowSerde(f.serdes).deserializer());
  }

  private static long idleReports(List<Flow> flows) {
    return flows.stream()
        .filter(Flow::isWatermark)
        .filter(w -> w.time() == Watermarks.IDLE)
        .count();
  }
}
