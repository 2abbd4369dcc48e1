package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CategorySales;
import dev.hopper.avro.Order;
import dev.hopper.avro.PaymentMethod;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesTopologyTest {
  @TempDir Path state;
  private Fixture f;

  @BeforeEach
  void quotesAlreadySettled() {
    // Quotes far past every order, so no order waits for its valuation.
    f = new Fixture(state);
    f.bitcoin(60_000, 5_000_000, at(-600));
    f.bitcoin(60_000, 5_000_000, at(7200));
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    f.close();
  }

  private void order(String id, String category, int qty, String unit, String discount, Instant t) {
    f.order(Samples.order(id, "c1", "p-" + id, category, qty, unit, discount, t).build());
  }

  @Test
  void shouldEmitEachWindowOnceWhenStreamTimePassesEndPlusGrace() {
    order("o1", "Books", 2, "100.00", "10.00", at(10));
    order("o2", "Books", 1, "50.00", "0.00", Instant.parse("2026-03-02T10:00:59.999Z"));
    order("o3", "Books", 1, "10.00", "0.00", at(60)); // next window
    order("o4", "Toys", 1, "20.00", "0.00", at(30));
    f.tick();
    assertThat(f.sales.isEmpty()).isTrue();

    order("o5", "Toys", 1, "20.00", "0.00", at(119)); // end + grace = 10:02:00 not reached
    f.tick();
    assertThat(f.sales.isEmpty()).isTrue();

    order("o6", "Toys", 1, "20.00", "0.00", at(120));
    f.tick();
    List<KeyValue<String, CategorySales>> out = f.sales.readKeyValuesToList();
    long w0 = at(0).toEpochMilli();
    assertThat(out)
        .extracting(kv -> kv.key)
        .containsExactlyInAnyOrder("Books:1m:" + w0, "Toys:1m:" + w0);
    CategorySales books =
        out.stream().filter(kv -> kv.key.startsWith("Books")).findFirst().get().value;
    assertThat(books.getInterval()).isEqualTo("1m");
    assertThat(books.getWindowStart()).isEqualTo(at(0));
    assertThat(books.getWindowEnd()).isEqualTo(at(60));
    assertThat(books.getOrders()).isEqualTo(2);
    assertThat(books.getUnits()).isEqualTo(3);
    assertThat(books.getGrossRevenue()).isEqualByComparingTo(new BigDecimal("250.00"));
    assertThat(books.getNetRevenue()).isEqualByComparingTo(new BigDecimal("230.00"));
    assertThat(books.getDiscountTotal()).isEqualByComparingTo(new BigDecimal("20.00"));
    // 230 INR x 60000 / 5000000 = 2.76 USD (2.16 + 0.60)
    assertThat(books.getRevenueUsd()).isEqualByComparingTo(new BigDecimal("2.76"));
    assertThat(books.getUnvaluedOrders()).isZero();
    assertThat(books.getOrdersByPaymentMethod()).isEqualTo(Map.of("UPI", 2L));

    // The queryable store holds the final window and the still-open next one
    WindowStore<String, CategorySales> store = f.driver.getWindowStore(Names.salesStore("1m"));
    assertThat(store.fetch("Books", w0).getOrders()).isEqualTo(2);
    assertThat(store.fetch("Books", at(60).toEpochMilli()).getOrders()).isEqualTo(1);

    // Never a second record for a closed window
    order("o7", "Toys", 1, "20.00", "0.00", at(600));
    f.tick();
    assertThat(f.sales.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .doesNotContain("Books:1m:" + w0, "Toys:1m:" + w0)
        .contains("Books:1m:" + at(60).toEpochMilli());
  }

  @Test
  void shouldCountDisorderWithinGraceAndDropLateOrdersFromSalesOnly() {
    order("o1", "Books", 1, "10.00", "0.00", at(10));
    order("o2", "Books", 1, "10.00", "0.00", at(110)); // stream time 10:01:50
    order("o3", "Books", 1, "10.00", "0.00", at(40)); // 70 s late, still within grace
    order("o4", "Books", 1, "10.00", "0.00", at(125)); // closes [10:00, 10:01)
    order("late", "Books", 1, "10.00", "0.00", at(20)); // beyond grace
    f.tick();
    List<CategorySales> out = f.sales.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getOrders()).isEqualTo(2);
    assertThat(f.counters.lateCount(Names.LATE_SALES)).isEqualTo(1);
    // The late order is still a valid order: enriched
    assertThat(f.enriched.readKeyValuesToList()).extracting(kv -> kv.key).contains("late");
  }

  @Test
  void shouldNotLetFarFutureOrderCloseWindows() {
    order("o1", "Books", 1, "10.00", "0.00", at(10));
    Order future =
        Samples.order("future", "c1", "p1", "Books", 1, "10.00", "0.00", at(7200)).build();
    f.order(future, at(20)); // two hours after its ingestion time: rejected
    f.tick();
    assertThat(f.sales.isEmpty()).isTrue();
    assertThat(f.rejected.readValue().getKey()).isEqualTo("future");
  }

  @Test
  void shouldCountOrdersPerPaymentMethodAndUnvaluedOrders() {
    f.close();
    f = new Fixture(state.resolve("no-quotes"));
    f.order(
        Samples.order("o1", "c1", "p1", "Books", 1, "10.00", "0.00", at(10))
            .setPaymentMethod(PaymentMethod.CREDIT_CARD)
            .build());
    f.order(Samples.order("o2", "c1", "p1", "Books", 1, "10.00", "0.00", at(20)).build());
    f.driver.advanceWallClockTime(java.time.Duration.ofMinutes(2)); // no quote feed: released
    f.order(Samples.order("o3", "c1", "p1", "Toys", 1, "10.00", "0.00", at(200)).build());
    f.tick();
    CategorySales books = f.sales.readValue();
    assertThat(books.getOrdersByPaymentMethod()).isEqualTo(Map.of("CREDIT_CARD", 1L, "UPI", 1L));
    assertThat(books.getUnvaluedOrders()).isEqualTo(2);
    assertThat(books.getRevenueUsd()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void shouldNotCloseWindowsWhenTheOnlyOrdersPartitionGoesIdle() {
    order("o1", "Books", 1, "10.00", "0.00", at(10));
    order("o2", "Books", 1, "10.00", "0.00", at(150));
    f.tick();
    assertThat(f.sales.readValuesToList()).hasSize(1); // [10:00) closed by stream time 10:02:30
    f.driver.advanceWallClockTime(java.time.Duration.ofMinutes(5)); // no more orders: idle
    f.tick();
    assertThat(f.sales.isEmpty()).isTrue(); // [10:02) still open: idleness closes nothing alone
    order("o3", "Books", 1, "10.00", "0.00", at(300));
    f.tick();
    assertThat(f.sales.readValuesToList())
        .extracting(CategorySales::getWindowStart)
        .containsExactly(at(120));
  }

  @Test
  void shouldEmitAWindowTheWindowStoreHasAlreadyExpired() {
    // Sales retention of 2 minutes: the window store drops [10:00) as soon as it sees [10:10),
    // which arrives (with the partials flushed before the watermark) before [10:00) closes.
    f.close();
    TopologySettings d = TopologySettings.defaults(1, 1);
    TopologySettings shortRetention =
        new TopologySettings(
            d.candleIntervals(),
            d.candleGrace(),
            d.moveThresholdPct(),
            d.moveWindow(),
            d.salesWindow(),
            d.salesGrace(),
            java.time.Duration.ofMinutes(2),
            d.paymentWindow(),
            d.paymentGrace(),
            d.paymentLagAllowance(),
            d.quoteGrace(),
            d.quoteMaxWait(),
            d.quoteHistoryRetention(),
            d.valuationCoin(),
            d.maxFutureSkew(),
            d.minEventTime(),
            d.watermarkInterval(),
            d.watermarkIdleTimeout(),
            1,
            1);
    f = new Fixture(state.resolve("short-retention"), shortRetention);
    f.bitcoin(60_000, 5_000_000, at(-600));
    f.bitcoin(60_000, 5_000_000, at(7200));
    order("o1", "Books", 1, "10.00", "0.00", at(10));
    order("o2", "Books", 1, "20.00", "0.00", at(600));
    f.tick();
    assertThat(f.sales.readValuesToList())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.getWindowStart()).isEqualTo(at(0));
              assertThat(w.getOrders()).isEqualTo(1);
              assertThat(w.getGrossRevenue()).isEqualByComparingTo("10.00");
            });
  }
}
