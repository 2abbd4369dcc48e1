package dev.hopper.streams.topology.orders;

import dev.hopper.avro.Order;
import dev.hopper.avro.OrderPayment;
import dev.hopper.avro.OrderPaymentStatus;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PaymentStatus;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.OrderedKeys;
import dev.hopper.streams.topology.flow.Stamped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Payment reconciliation (SPEC): exactly one {@code OrderPayment} per valid order. PAID by the
 * earliest AUTHORIZED or CAPTURED payment with {@code paidAt} in [orderTime, orderTime + 15 min]
 * (ties: lowest paymentId); UNPAID when none has come by window close (grace 1 min).
 *
 * <p>Orders and payments are co-partitioned by orderId, so this runs on each input partition
 * without a repartition. Decisions follow the <em>payment</em> stream's own time, not a stream time
 * shared with orders: a payment is late when its partition's payment time is already more than the
 * grace past it, and an order is decided once the payment time has passed either its window close
 * (UNPAID) or its best payment plus grace (PAID: nothing earlier can come any more). That keeps the
 * result independent of how the two topics interleave while a backlog drains. Should order time run
 * ahead of payment time by more than {@code paymentLagAllowance} (an input without payments, such
 * as a CSV replay), order time minus that allowance closes windows instead.
 *
 * <p>FAILED and REFUNDED payments advance payment time but never make an order PAID. Payments for
 * orders not seen yet are kept until the order stream has passed them by the grace; a late order
 * ignores those that were already beyond that point when it arrived, so the outcome does not depend
 * on whether they had been purged.
 *
 * <p>The decision and purge timers are not state of their own: on init they are rebuilt from the
 * pending orders and the kept payments, so they cost no store writes and no changelog records. The
 * rebuilt set holds every timer that was pending and possibly some that had fired already; a timer
 * that fires again decides and purges nothing it should not (both check the stores).
 */
public final class PaymentReconciler
    implements ProcessorSupplier<String, Flow, String, OrderPayment> {
  private static final byte DECIDE = 0;
  private static final byte PURGE = 1;
  private static final long UNKNOWN = Long.MIN_VALUE;
  private static final String ORDERS = "orders";
  private static final String PAYMENTS = "payments";
  private static final Comparator<Payment> EARLIEST =
      Comparator.comparing((Payment p) -> p.getPaidAt()).thenComparing(Payment::getPaymentId);

  private final TopologySettings settings;
  private final ProcessingCounters counters;

  /** Reconciliation with the payment window and grace of {@code settings}. */
  public PaymentReconciler(TopologySettings settings, ProcessingCounters counters) {
    this.settings = settings;
    this.counters = counters;
  }

  @Override
  public Processor<String, Flow, String, OrderPayment> get() {
    return new ReconcilerProcessor();
  }

  private final class ReconcilerProcessor implements Processor<String, Flow, String, OrderPayment> {
    private final long windowMs = settings.paymentWindow().toMillis();
    private final long graceMs = settings.paymentGrace().toMillis();
    private final long lagMs = settings.paymentLagAllowance().toMillis();
    private ProcessorContext<String, OrderPayment> context;
    private KeyValueStore<String, Stamped<Long>> orders;
    private KeyValueStore<String, List<Payment>> payments;
    // Timer keys (kind, time, order id) in firing order; rebuilt from the stores on init.
    private final NavigableSet<Bytes> timers = new TreeSet<>();
    private KeyValueStore<String, Long> clock;
    private long orderTime;
    private long paymentTime;
    // Earliest pending timer of each kind, or UNKNOWN: saves a store scan per record.
    private long nextDecision = UNKNOWN;
    private long nextPurge = UNKNOWN;

    @Override
    public void init(ProcessorContext<String, OrderPayment> context) {
      this.context = context;
      this.orders = context.getStateStore(Names.PAYMENTS_PENDING_ORDERS_STORE);
      this.payments = context.getStateStore(Names.PAYMENTS_CANDIDATES_STORE);
      this.clock = context.getStateStore(Names.PAYMENTS_STREAM_TIME_STORE);
      Long o = clock.get(ORDERS);
      Long p = clock.get(PAYMENTS);
      this.orderTime = o == null ? Long.MIN_VALUE : o;
      this.paymentTime = p == null ? Long.MIN_VALUE : p;
      rebuildTimers();
    }

    /** Every timer the pending orders and the kept payments can still need. */
    private void rebuildTimers() {
      try (KeyValueIterator<String, Stamped<Long>> it = orders.all()) {
        it.forEachRemaining(kv -> schedule(DECIDE, kv.value.value() + windowMs + graceMs, kv.key));
      }
      try (KeyValueIterator<String, List<Payment>> it = payments.all()) {
        while (it.hasNext()) {
          KeyValue<String, List<Payment>> kv = it.next();
          boolean pending = orders.get(kv.key) != null;
          for (Payment payment : kv.value) {
            long paidAt = payment.getPaidAt().toEpochMilli();
            schedule(PURGE, paidAt, kv.key);
            if (pending) {
              schedule(DECIDE, paidAt + graceMs, kv.key);
            }
          }
        }
      }
    }

    @Override
    public void process(Record<String, Flow> record) {
      Flow flow = record.value();
      if (flow.kind() == Flow.Kind.ORDER) {
        onOrder(flow.asOrder());
      } else if (flow.kind() == Flow.Kind.PAYMENT) {
        onPayment(flow.asPayment());
      }
    }

    private void onOrder(Order order) {
      String id = order.getOrderId();
      if (orders.get(id) != null) {
        return; // the same order again while it is pending: one outcome per order
      }
      long t = order.getOrderTime().toEpochMilli();
      orders.put(id, new Stamped<>(orderTime, false, t));
      schedule(DECIDE, t + windowMs + graceMs, id);
      Payment best = best(id, t, orderTime);
      if (best != null) {
        schedule(DECIDE, best.getPaidAt().toEpochMilli() + graceMs, id);
      }
      if (t > orderTime) {
        orderTime = t;
        clock.put(ORDERS, t);
        purge();
      }
      fire();
    }

    private void onPayment(Payment payment) {
      long paidAt = payment.getPaidAt().toEpochMilli();
      if (paymentTime != Long.MIN_VALUE && paidAt + graceMs < paymentTime) {
        counters.late(Names.LATE_PAYMENTS);
        return;
      }
      if (paidAt > paymentTime) {
        paymentTime = paidAt;
        clock.put(PAYMENTS, paidAt);
      }
      PaymentStatus status = payment.getStatus();
      if (status == PaymentStatus.AUTHORIZED || status == PaymentStatus.CAPTURED) {
        String id = payment.getOrderId();
        Stamped<Long> pending = orders.get(id);
        boolean visibleToFutureOrders =
            orderTime == Long.MIN_VALUE || paidAt + graceMs >= orderTime;
        if (pending != null || visibleToFutureOrders) {
          List<Payment> list = payments.get(id);
          List<Payment> updated = list == null ? new ArrayList<>() : new ArrayList<>(list);
          updated.add(payment);
          payments.put(id, updated);
          schedule(PURGE, paidAt, id);
          if (pending != null) {
            schedule(DECIDE, paidAt + graceMs, id);
          }
        }
      }
      fire();
    }

    /** The time that closes windows: payment time, or order time minus the lag allowance. */
    private long effectiveTime() {
      long fromOrders = orderTime == Long.MIN_VALUE ? Long.MIN_VALUE : orderTime - lagMs;
      return Math.max(paymentTime, fromOrders);
    }

    /** Fires every decision timer strictly before the effective time. */
    private void schedule(byte kind, long time, String id) {
      Bytes key = OrderedKeys.of(kind, time, id);
      timers.add(key);
      if (kind == DECIDE && nextDecision != UNKNOWN) {
        nextDecision = Math.min(nextDecision, time);
      } else if (kind == PURGE && nextPurge != UNKNOWN) {
        nextPurge = Math.min(nextPurge, time);
      }
    }

    /** The time of the earliest timer of {@code kind}, or MAX_VALUE when there is none. */
    private long earliest(byte kind) {
      Bytes first = timers.ceiling(OrderedKeys.first(kind));
      return first != null && first.get()[0] == kind ? OrderedKeys.time(first) : Long.MAX_VALUE;
    }

    /** The timers of {@code kind} due at or before {@code time}, removed from the store. */
    private List<Bytes> takeDue(byte kind, long time) {
      NavigableSet<Bytes> range =
          timers.subSet(OrderedKeys.first(kind), true, OrderedKeys.after(kind, time), true);
      List<Bytes> due = new ArrayList<>(range);
      range.clear();
      return due;
    }

    private void fire() {
      long now = effectiveTime();
      if (now == Long.MIN_VALUE || (nextDecision != UNKNOWN && now <= nextDecision)) {
        return;
      }
      for (Bytes key : takeDue(DECIDE, now - 1)) {
        String id = OrderedKeys.id(key);
        Stamped<Long> pending = orders.get(id);
        if (pending != null) {
          decide(id, pending, now);
        }
      }
      nextDecision = earliest(DECIDE);
    }

    private void decide(String id, Stamped<Long> pending, long now) {
      long t = pending.value();
      Payment best = best(id, t, pending.time());
      OrderPayment.Builder out =
          OrderPayment.newBuilder().setOrderId(id).setOrderTime(Instant.ofEpochMilli(t));
      if (best != null && now > best.getPaidAt().toEpochMilli() + graceMs) {
        out.setStatus(OrderPaymentStatus.PAID)
            .setPaymentId(best.getPaymentId())
            .setMethod(best.getMethod())
            .setAmount(best.getAmount())
            .setPaidAt(best.getPaidAt())
            .setPaymentLatencyMs(best.getPaidAt().toEpochMilli() - t);
      } else if (best == null && now > t + windowMs + graceMs) {
        out.setStatus(OrderPaymentStatus.UNPAID);
      } else {
        return; // a later timer decides
      }
      orders.delete(id);
      payments.delete(id);
      context.forward(new Record<>(id, out.build(), t));
    }

    /**
     * The earliest qualifying payment of an order at {@code t}, among those visible to it: an order
     * that arrived when order time was {@code arrivedAt} ignores payments that were already
     * purgeable then.
     */
    private Payment best(String id, long t, long arrivedAt) {
      List<Payment> list = payments.get(id);
      if (list == null) {
        return null;
      }
      Payment best = null;
      for (Payment p : list) {
        long paidAt = p.getPaidAt().toEpochMilli();
        boolean inWindow = paidAt >= t && paidAt <= t + windowMs;
        boolean visible = arrivedAt == Long.MIN_VALUE || paidAt + graceMs >= arrivedAt;
        if (inWindow && visible && (best == null || EARLIEST.compare(p, best) < 0)) {
          best = p;
        }
      }
      return best;
    }

    /** Drops payments no order can claim any more: order time passed them by the grace. */
    private void purge() {
      long before = orderTime - graceMs; // purge payments with paidAt + grace < order time
      if (nextPurge != UNKNOWN && before <= nextPurge) {
        return;
      }
      for (Bytes key : takeDue(PURGE, before - 1)) {
        String id = OrderedKeys.id(key);
        if (orders.get(id) != null) {
          continue; // kept for the pending order; deleted when it is decided
        }
        List<Payment> list = payments.get(id);
        if (list == null) {
          continue;
        }
        List<Payment> kept = new ArrayList<>();
        for (Payment p : list) {
          if (p.getPaidAt().toEpochMilli() + graceMs >= orderTime) {
            kept.add(p);
          }
        }
        if (kept.isEmpty()) {
          payments.delete(id);
        } else if (kept.size() != list.size()) {
          payments.put(id, kept);
        }
      }
      nextPurge = earliest(PURGE);
    }
  }
}
