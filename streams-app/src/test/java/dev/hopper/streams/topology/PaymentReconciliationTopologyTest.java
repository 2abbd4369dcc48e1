package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.OrderPayment;
import dev.hopper.avro.OrderPaymentStatus;
import dev.hopper.avro.PaymentStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentReconciliationTopologyTest {
  @TempDir Path state;

  /** A payment of another order that only moves payment time forward. */
  private static void paymentTime(Fixture f, Instant time) {
    f.payment(Samples.payment("clock-" + time, "clock", PaymentStatus.FAILED, time).build());
  }

  @Test
  void shouldPayWithEarliestQualifyingPaymentWhateverTheArrivalOrder() {
    try (Fixture f = new Fixture(state)) {
      f.order(Samples.order("o1", at(0)).build());
      // Disorder within the 1 min grace: the earliest payment arrives last
      f.payment(Samples.payment("pay-b", "o1", PaymentStatus.CAPTURED, at(150)).build());
      f.payment(Samples.payment("pay-0", "o1", PaymentStatus.FAILED, at(100)).build());
      f.payment(Samples.payment("pay-a", "o1", PaymentStatus.AUTHORIZED, at(120)).build());
      paymentTime(f, at(120 + 60)); // exactly best + grace: not decided yet
      assertThat(f.paymentStatus.isEmpty()).isTrue();
      paymentTime(f, at(120 + 61)); // payment time passes the best payment + grace

      List<OrderPayment> out = f.paymentStatus.readValuesToList();
      assertThat(out).hasSize(1);
      OrderPayment p = out.get(0);
      assertThat(p.getStatus()).isEqualTo(OrderPaymentStatus.PAID);
      assertThat(p.getPaymentId()).isEqualTo("pay-a");
      assertThat(p.getPaidAt()).isEqualTo(at(120));
      assertThat(p.getPaymentLatencyMs()).isEqualTo(120_000L);
      assertThat(p.getOrderTime()).isEqualTo(at(0));
      assertThat(p.getAmount()).isEqualByComparingTo("180.00");

      // Exactly one outcome: later payments and window close change nothing
      f.payment(Samples.payment("pay-c", "o1", PaymentStatus.CAPTURED, at(400)).build());
      paymentTime(f, at(3600));
      assertThat(f.paymentStatus.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldBreakTiesOnLowestPaymentId() {
    try (Fixture f = new Fixture(state)) {
      f.order(Samples.order("o1", at(0)).build());
      f.payment(Samples.payment("pay-9", "o1", PaymentStatus.CAPTURED, at(60)).build());
      f.payment(Samples.payment("pay-1", "o1", PaymentStatus.CAPTURED, at(60)).build());
      paymentTime(f, at(3600));
      assertThat(f.paymentStatus.readValue().getPaymentId()).isEqualTo("pay-1");
    }
  }

  @Test
  void shouldEmitUnpaidOnlyAtWindowClose() {
    try (Fixture f = new Fixture(state)) {
      f.order(Samples.order("o1", at(0)).build());
      f.payment(Samples.payment("failed", "o1", PaymentStatus.FAILED, at(30)).build());
      f.payment(Samples.payment("refunded", "o1", PaymentStatus.REFUNDED, at(40)).build());
      f.payment(Samples.payment("too-late", "o1", PaymentStatus.CAPTURED, at(15 * 60 + 1)).build());
      f.payment(Samples.payment("too-early", "o1", PaymentStatus.CAPTURED, at(-1)).build());

      // Window [t, t+15m], grace 1m: payment time exactly at close decides nothing yet
      paymentTime(f, at(16 * 60));
      assertThat(f.paymentStatus.isEmpty()).isTrue();

      paymentTime(f, at(16 * 60).plusMillis(1));
      OrderPayment p = f.paymentStatus.readValue();
      assertThat(p.getStatus()).isEqualTo(OrderPaymentStatus.UNPAID);
      assertThat(p.getPaymentId()).isNull();
      assertThat(p.getPaidAt()).isNull();
      assertThat(p.getPaymentLatencyMs()).isNull();
      assertThat(f.paymentStatus.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldMatchPaymentThatArrivedBeforeItsOrder() {
    try (Fixture f = new Fixture(state)) {
      f.payment(Samples.payment("pay-1", "o1", PaymentStatus.CAPTURED, at(90)).build());
      f.order(Samples.order("o1", at(0)).build());
      paymentTime(f, at(200));
      assertThat(f.paymentStatus.readValue().getPaymentId()).isEqualTo("pay-1");
    }
  }

  @Test
  void shouldDropAndCountLatePayment() {
    try (Fixture f = new Fixture(state)) {
      f.order(Samples.order("o1", at(0)).build());
      paymentTime(f, at(10 * 60));
      // paidAt 5 min, payment time already 10 min: more than the 1 min grace late
      f.payment(Samples.payment("late", "o1", PaymentStatus.CAPTURED, at(5 * 60)).build());
      paymentTime(f, at(20 * 60));
      assertThat(f.paymentStatus.readValue().getStatus()).isEqualTo(OrderPaymentStatus.UNPAID);
      assertThat(f.counters.lateCount(Names.LATE_PAYMENTS)).isEqualTo(1);
    }
  }

  @Test
  void shouldCloseOnOrderTimeWhenPaymentsLagBeyondTheAllowance() {
    try (Fixture f = new Fixture(state)) {
      // A CSV replay: orders only, no payment at all
      f.order(Samples.order("o1", at(0)).build());
      f.order(Samples.order("o2", at(3600 + 16 * 60)).build()); // lag allowance 1 h + close
      assertThat(f.paymentStatus.isEmpty()).isTrue();
      f.order(Samples.order("o3", at(3600 + 16 * 60 + 1)).build());
      assertThat(f.paymentStatus.readKeyValuesToList())
          .extracting(kv -> kv.key, kv -> kv.value.getStatus())
          .containsExactly(org.assertj.core.groups.Tuple.tuple("o1", OrderPaymentStatus.UNPAID));
    }
  }
}
