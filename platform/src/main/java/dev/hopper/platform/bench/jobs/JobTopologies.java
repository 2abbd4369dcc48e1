package dev.hopper.platform.bench.jobs;

import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.Order;
import dev.hopper.streams.topology.HopperSerdes;
import dev.hopper.streams.topology.HopperTopology;
import dev.hopper.streams.topology.IngestionTimeExtractor;
import dev.hopper.streams.topology.InputProgress;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.StoreBuilders;
import dev.hopper.streams.topology.Topics;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.FlowSerde;
import dev.hopper.streams.topology.orders.Enricher;
import dev.hopper.streams.topology.orders.OrderWatermarks;
import dev.hopper.streams.topology.validation.Gated;
import dev.hopper.streams.topology.validation.OrderValidator;
import dev.hopper.streams.topology.validation.TimePolicy;
import dev.hopper.streams.topology.validation.ValidationGate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The two reference jobs the benchmark runs beside the full topology, as pure builders:
 *
 * <ul>
 *   <li><b>pass-through</b>, the physical-limit baseline: orders consumed, Avro-decoded with
 *       Hopper's serde, re-encoded and produced, nothing else;
 *   <li><b>sales-only</b>, Hopper's implementation of the one job the reference figures
 *       measure (sales by category, 1-minute tumbling windows, exact): the orders validation gate,
 *       late marking and per-partition watermarks, per-partition pre-aggregation, the repartition
 *       by category and the final windows closed on the minimum watermark, with Hopper's own
 *       processors. Orders are not enriched (no products, customers or quotes), so the windows
 *       carry no USD revenue.
 * </ul>
 */
public final class JobTopologies {
  private JobTopologies() {}

  /** Orders from {@code input} to {@code output}, decoded and re-encoded. */
  public static Topology passThrough(String input, String output, HopperSerdes serdes) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(serdes.key(), serdes.order()).withName("orders-source"))
        .to(output, Produced.with(serdes.key(), serdes.order()).withName("orders-sink"));
    return builder.build();
  }

  /**
   * Sales by category alone, exact under backlog. {@code settings} must name the orders partition
   * count as both partition counts: the final stage's upstream sources are the orders partitions.
   */
  public static Topology salesOnly(
      Topics topics,
      HopperSerdes serdes,
      TopologySettings settings,
      ProcessingCounters counters,
      InputProgress progress) {
    if (settings.ordersPartitions() != settings.productsPartitions()) {
      throw new IllegalArgumentException("sales-only: upstream sources are the orders partitions");
    }
    StreamsBuilder builder = new StreamsBuilder();
    TimePolicy time = new TimePolicy(settings.minEventTime(), settings.maxFutureSkew());
    KStream<String, Gated<Order>> gated =
        builder.stream(
                topics.orders().name(),
                Consumed.with(topics.orders().keySerde(), topics.orders().valueSerde())
                    .withTimestampExtractor(new IngestionTimeExtractor())
                    .withName(Names.ORDERS_GATE + "-source"))
            .process(
                new ValidationGate<>(
                    serdes.order().deserializer(), new OrderValidator(time), counters),
                Named.as(Names.ORDERS_GATE));
    Map<String, KStream<String, Gated<Order>>> branches =
        gated
            .split(Named.as(Names.ORDERS_GATE + "-"))
            .branch((k, v) -> v.isValid(), Branched.as("valid"))
            .defaultBranch(Branched.as("rejected"));
    branches
        .get(Names.ORDERS_GATE + "-rejected")
        .mapValues(Gated::rejected, Named.as("orders-dead-letters"))
        .to(topics.rejected().name(), topics.rejected().produced().withName("rejected-sink"));

    builder.addStateStore(
        StoreBuilders.table(Names.ORDERS_STREAM_TIME_STORE, Serdes.String(), Serdes.Long()));
    KStream<String, Flow> orders =
        branches
            .get(Names.ORDERS_GATE + "-valid")
            .mapValues(Gated::value, Named.as("orders-values"))
            .process(
                new OrderWatermarks(settings, topics.orders().name(), progress),
                Named.as(Names.ORDERS_WATERMARKS),
                Names.ORDERS_STREAM_TIME_STORE)
            .mapValues(JobTopologies::unenriched, Named.as("orders-as-sales-input"));
    HopperTopology.sales(
        builder, orders, topics, serdes, new FlowSerde(serdes), settings, counters);
    return builder.build();
  }

  /**
   * An order as the sales aggregation reads it, without enrichment; watermarks pass as they are.
   */
  static Flow unenriched(Flow flow) {
    if (flow.kind() != Flow.Kind.ORDER) {
      return flow;
    }
    EnrichedOrder e = Enricher.fromOrder(flow.asOrder()).setFlags(List.of()).build();
    return Flow.enriched(e, flow.late());
  }
}
