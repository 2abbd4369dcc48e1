package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.OrderPayment;
import dev.hopper.avro.PaymentStatus;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.StampedSerde;
import dev.hopper.streams.topology.orders.PaymentReconciler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation timers live in memory and are rebuilt from the stores on init: a processor
 * started over the stores of an earlier one (a restart, a task migration) must still decide every
 * pending order.
 */
class PaymentReconcilerRestartTest {
  private static final String SCOPE = "reconciler-restart-test";
  private final HopperSerdes serdes =
      new HopperSerdes(new RegistrySerdeFactory(Map.of("schema.registry.url", "mock://" + SCOPE)));
  private final MockProcessorContext<String, OrderPayment> context = new MockProcessorContext<>();
  private final PaymentReconciler reconciler =
      new PaymentReconciler(TopologySettings.defaults(1, 1), new ProcessingCounters());

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldDecideOrdersPendingBeforeARestart() {
    addStore(Names.PAYMENTS_PENDING_ORDERS_STORE, new StampedSerde<>(Serdes.Long()));
    addStore(Names.PAYMENTS_CANDIDATES_STORE, Serdes.ListSerde(ArrayList.class, serdes.payment()));
    addStore(Names.PAYMENTS_STREAM_TIME_STORE, Serdes.Long());

    Processor<String, Flow, String, OrderPayment> before = reconciler.get();
    before.init(context);
    process(before, Flow.order(Samples.order("paid", at(0)).build(), false));
    process(before, Flow.order(Samples.order("unpaid", at(10)).build(), false));
    process(
        before,
        Flow.payment(Samples.payment("pay-1", "paid", PaymentStatus.CAPTURED, at(120)).build()));
    assertThat(context.forwarded()).isEmpty();

    Processor<String, Flow, String, OrderPayment> after = reconciler.get();
    after.init(context); // the same stores, no timers carried over
    process(
        after,
        Flow.payment(Samples.payment("clock-1", "clock", PaymentStatus.FAILED, at(200)).build()));
    assertThat(decisions()).containsExactly("paid=PAID");
    process(
        after,
        Flow.payment(Samples.payment("clock-2", "clock", PaymentStatus.FAILED, at(3600)).build()));
    assertThat(decisions()).containsExactly("paid=PAID", "unpaid=UNPAID");
  }

  private <V> void addStore(String name, org.apache.kafka.common.serialization.Serde<V> values) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private void process(Processor<String, Flow, String, OrderPayment> p, Flow flow) {
    p.process(new Record<>("k", flow, 0L));
  }

  private List<String> decisions() {
    List<String> out = new ArrayList<>();
    for (var f : context.forwarded()) {
      OrderPayment payment = f.record().value();
      out.add(payment.getOrderId() + "=" + payment.getStatus());
    }
    return out;
  }
}
