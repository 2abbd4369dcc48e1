package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.EnrichmentFlag;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentTopologyTest {
  @TempDir Path state;

  @Test
  void shouldEnrichOrderWithProductCustomerAndQuotesAsOfOrderTime() {
    try (Fixture f = new Fixture(state)) {
      // Given
      f.products.pipeInput("p1", Samples.product("p1", "Books", "Dune"), at(0));
      f.customers.pipeInput("c1", Samples.customer("c1", "Pune"), at(0));
      f.bitcoin(60_000, 5_000_000, at(0));
      f.bitcoin(70_000, 6_000_000, at(120));

      // When: an order at +60 s (valued with the +0 quotes), quotes then move past it
      f.order(Samples.order("o1", at(60)).build());

      // Then
      List<EnrichedOrder> out = f.enriched.readValuesToList();
      assertThat(out).hasSize(1);
      EnrichedOrder e = out.get(0);
      assertThat(e.getProductName()).isEqualTo("Dune");
      assertThat(e.getCustomerCity()).isEqualTo("Pune");
      assertThat(e.getFlags()).isEmpty();
      // 180.00 INR x 60000 / 5000000 = 2.16 USD; 180 / 5000000 BTC
      assertThat(e.getFinalPriceUsd()).isEqualByComparingTo(new BigDecimal("2.16"));
      assertThat(e.getFinalPriceBtc()).isEqualByComparingTo(new BigDecimal("0.00003600"));
      assertThat(e.getQuoteTime()).isEqualTo(at(0));
      assertThat(e.getUsdQuoteTime()).isEqualTo(at(0));
    }
  }

  @Test
  void shouldFlagMissingProductCustomerAndQuoteButStillEmit() {
    try (Fixture f = new Fixture(state)) {
      f.order(Samples.order("o1", at(60)).build());
      f.tick();
      assertThat(f.enriched.isEmpty()).isTrue(); // waiting for quotes

      f.driver.advanceWallClockTime(java.time.Duration.ofMinutes(2)); // quote feed silent

      List<EnrichedOrder> out = f.enriched.readValuesToList();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).getFlags())
          .containsExactly(
              EnrichmentFlag.PRODUCT_MISSING,
              EnrichmentFlag.CUSTOMER_MISSING,
              EnrichmentFlag.QUOTE_MISSING);
      assertThat(out.get(0).getFinalPriceUsd()).isNull();
    }
  }

  /** The same order and quotes, the older quote arriving before or after the order. */
  private EnrichedOrder valueWithQuotes(Path dir, boolean olderQuoteFirst) {
    try (Fixture f = new Fixture(dir)) {
      f.bitcoin(60_000, 5_000_000, at(0));
      if (olderQuoteFirst) {
        f.bitcoin(61_000, 5_100_000, at(50));
      }
      f.bitcoin(62_000, 5_200_000, at(80)); // newest, but after the order
      f.order(Samples.order("o1", at(60)).build());
      if (!olderQuoteFirst) {
        f.bitcoin(61_000, 5_100_000, at(50)); // older in event time, within the quote grace
      }
      assertThat(f.enriched.isEmpty()).isTrue(); // 10:01:20 is not past 10:01:00 + 30 s
      f.bitcoin(63_000, 5_300_000, at(91)); // settles the order's quotes
      return f.enriched.readValue();
    }
  }

  @Test
  void shouldValueWithQuoteAsOfOrderTimeWhateverTheArrivalOrder() {
    EnrichedOrder inOrder = valueWithQuotes(state.resolve("a"), true);
    EnrichedOrder quoteAfterOrder = valueWithQuotes(state.resolve("b"), false);
    assertThat(quoteAfterOrder).isEqualTo(inOrder);
    assertThat(inOrder.getQuoteTime()).isEqualTo(at(50));
    // 180 x 61000 / 5100000 = 2.1529... -> 2.15
    assertThat(inOrder.getFinalPriceUsd()).isEqualByComparingTo(new BigDecimal("2.15"));
  }

  @Test
  void shouldDropQuoteOlderThanGraceAndCountIt() {
    try (Fixture f = new Fixture(state)) {
      f.bitcoin(60_000, 5_000_000, at(100));
      f.bitcoin(1, 1, at(10)); // 90 s behind the newest of its pair
      assertThat(f.counters.lateCount(Names.LATE_VALUATION_QUOTES)).isEqualTo(2);
      f.order(Samples.order("o1", at(20)).build());
      f.bitcoin(60_000, 5_000_000, at(200));
      assertThat(f.enriched.readValue().getFlags()).contains(EnrichmentFlag.QUOTE_MISSING);
    }
  }

  @Test
  void shouldValueUsdOrderWithUsdQuoteOnly() {
    try (Fixture f = new Fixture(state)) {
      f.quote(Samples.quote("bitcoin", "usd", 50_000.0, at(0)).build());
      f.quote(Samples.quote("bitcoin", "usd", 50_000.0, at(200)).build());
      f.order(Samples.order("o1", at(60)).setCurrency("USD").build());
      EnrichedOrder e = f.enriched.readValue();
      assertThat(e.getFinalPriceUsd()).isEqualByComparingTo(new BigDecimal("180.00"));
      assertThat(e.getFinalPriceBtc()).isEqualByComparingTo(new BigDecimal("0.00360000"));
      assertThat(e.getFlags())
          .containsExactly(EnrichmentFlag.PRODUCT_MISSING, EnrichmentFlag.CUSTOMER_MISSING);
    }
  }
}
