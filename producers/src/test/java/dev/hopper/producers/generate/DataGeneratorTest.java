package dev.hopper.producers.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.avro.PaymentStatus;
import dev.hopper.topics.HopperTopic;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DataGeneratorTest {

  /** A fixture like the topology's integration test would use: long enough for late quotes. */
  private static final GeneratorConfig FIXTURE =
      GeneratorConfig.builder()
          .seed(7)
          .orders(12_000)
          .orderInterval(Duration.ofMillis(600))
          .badRatio(0.03)
          .lateRatio(0.02)
          .disorderRatio(0.03)
          .build();

  private static final GeneratedData DATA = DataGenerator.generate(FIXTURE);

  @Test
  void shouldGenerateTheSameRecordsForTheSameSeed() {
    GeneratorConfig config = FIXTURE.toBuilder().orders(800).build();

    List<GeneratedRecord> first = DataGenerator.generate(config).records();
    List<GeneratedRecord> second = DataGenerator.generate(config).records();

    assertThat(second).isEqualTo(first);
    assertThat(first).hasSizeGreaterThan(800);
  }

  @Test
  void shouldGenerateDifferentRecordsForAnotherSeed() {
    GeneratorConfig config = FIXTURE.toBuilder().orders(300).build();

    List<Order> a = DataGenerator.generate(config).orders();
    List<Order> b = DataGenerator.generate(config.toBuilder().seed(8).build()).orders();

    assertThat(a.get(0).getOrderId()).isNotEqualTo(b.get(0).getOrderId());
    assertThat(a.stream().map(Order::getProductId).toList())
        .isNotEqualTo(b.stream().map(Order::getProductId).toList());
  }

  @Test
  void shouldStreamExactlyWhatGenerateHolds() {
    GeneratorConfig config = FIXTURE.toBuilder().orders(500).build();

    List<GeneratedRecord> streamed = DataGenerator.records(config).toList();

    assertThat(streamed).isEqualTo(DataGenerator.generate(config).records());
  }

  @Test
  void shouldSendInTimestampOrderWithEntitiesThenQuotesThenOrders() {
    List<GeneratedRecord> records = DATA.records();
    int firstQuote = indexOf(records, HopperTopic.CRYPTO_QUOTES);
    int firstOrder = indexOf(records, HopperTopic.SHOP_ORDERS);
    int lastEntity = lastIndexOf(records, RecordLabel.ENTITY);
    int lastQuote = lastIndexOf(records, HopperTopic.CRYPTO_QUOTES);

    assertThat(lastEntity).isLessThan(firstQuote);
    assertThat(lastQuote).isLessThan(firstOrder);
    for (HopperTopic section : List.of(HopperTopic.CRYPTO_QUOTES, HopperTopic.SHOP_ORDERS)) {
      List<GeneratedRecord> part =
          records.stream()
              .filter(
                  r ->
                      section == HopperTopic.CRYPTO_QUOTES
                          ? r.topic() == HopperTopic.CRYPTO_QUOTES
                          : r.topic() == HopperTopic.SHOP_ORDERS
                              || r.topic() == HopperTopic.SHOP_PAYMENTS)
              .toList();
      for (int i = 1; i < part.size(); i++) {
        assertThat(part.get(i).timestamp()).isAfterOrEqualTo(part.get(i - 1).timestamp());
      }
    }
    assertThat(records.get(0).timestamp()).isEqualTo(FIXTURE.start().minusSeconds(60));
    for (int i = 0; i < records.size(); i++) {
      assertThat(records.get(i).sequence()).isEqualTo(i);
    }
  }

  @Test
  void shouldMergeQuotesAndOrdersByTimestampWhenNotQuotesFirst() {
    GeneratorConfig config = FIXTURE.toBuilder().orders(2000).quotesFirst(false).build();

    List<GeneratedRecord> events =
        DataGenerator.generate(config).records().stream()
            .filter(r -> r.label() != RecordLabel.ENTITY)
            .toList();

    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).timestamp()).isAfterOrEqualTo(events.get(i - 1).timestamp());
    }
    assertThat(events.stream().map(GeneratedRecord::topic).collect(Collectors.toSet()))
        .contains(HopperTopic.CRYPTO_QUOTES, HopperTopic.SHOP_ORDERS, HopperTopic.SHOP_PAYMENTS);
  }

  @Test
  void shouldInjectEveryBadKindEachBreakingExactlyItsRule() {
    Map<BadKind, Long> counts = DATA.countByBadKind();

    assertThat(counts.keySet()).containsExactlyInAnyOrder(BadKind.values());
    for (GeneratedRecord r : DATA.withLabel(RecordLabel.BAD)) {
      assertThat(r.topic()).isEqualTo(r.badKind().topic());
      if (r.isPoisonPill()) {
        assertThat(r.badKind().isPoisonPill()).isTrue();
        byte[] raw = r.rawValue();
        assertThat(raw.length < 5 || raw[0] != 0 || readInt(raw) == PoisonPills.UNKNOWN_SCHEMA_ID)
            .as("not a readable frame: %s", r)
            .isTrue();
      } else {
        assertThat(GateRules.broken(r)).as("%s", r).containsExactly(r.badKind());
      }
    }
  }

  @Test
  void shouldProduceOnlyValidRecordsOutsideTheBadOnes() {
    for (GeneratedRecord r : DATA.records()) {
      if (r.label() != RecordLabel.BAD) {
        assertThat(r.isPoisonPill()).isFalse();
        assertThat(GateRules.broken(r)).as("%s", r).isEmpty();
      }
    }
  }

  @Test
  void shouldKeepTheBadShareCloseToTheRatio() {
    long orderSlots =
        DATA.records(HopperTopic.SHOP_ORDERS).stream()
            .filter(r -> r.label() != RecordLabel.TRAILER)
            .count();
    long badOrders =
        DATA.records(HopperTopic.SHOP_ORDERS).stream()
            .filter(r -> r.label() == RecordLabel.BAD)
            .count();

    assertThat(orderSlots).isEqualTo(FIXTURE.orders());
    assertThat((double) badOrders / orderSlots).isCloseTo(0.03, within(0.006));
  }

  @Test
  void shouldSendDisorderedRecordsWithinGraceAndLateOnesFarBeyondIt() {
    Duration orderGrace = Duration.ofMinutes(1);
    Duration quoteGrace = Duration.ofSeconds(30);
    for (GeneratedRecord r : DATA.records()) {
      Duration delay = Duration.between(r.eventTime(), r.timestamp());
      boolean quote = r.topic() == HopperTopic.CRYPTO_QUOTES;
      switch (r.label()) {
        case ON_TIME, TRAILER -> assertThat(delay).as("%s", r).isZero();
        case DISORDERED ->
            assertThat(delay)
                .as("%s", r)
                .isPositive()
                .isLessThanOrEqualTo(quote ? FIXTURE.quoteDisorder() : FIXTURE.orderDisorder())
                .isLessThan(quote ? quoteGrace.dividedBy(2) : orderGrace.dividedBy(2));
        case LATE ->
            assertThat(delay)
                .as("%s", r)
                .isEqualTo(quote ? FIXTURE.quoteLateness() : FIXTURE.orderLateness())
                .isGreaterThan(
                    quote ? Duration.ofHours(1).plus(quoteGrace) : Duration.ofMinutes(16));
        default -> {}
      }
    }
    Map<RecordLabel, Long> labels = DATA.countByLabel();
    assertThat(labels).containsKeys(RecordLabel.values());
    assertThat(DATA.withLabel(RecordLabel.LATE).stream().map(GeneratedRecord::topic).distinct())
        .containsExactlyInAnyOrder(
            HopperTopic.CRYPTO_QUOTES, HopperTopic.SHOP_ORDERS, HopperTopic.SHOP_PAYMENTS);
    assertThat(DATA.withLabel(RecordLabel.LATE).stream().filter(r -> r.quote() != null))
        .allSatisfy(r -> assertThat(r.quote().getCoinId()).isNotEqualTo("bitcoin"));
  }

  @Test
  void shouldPlaceOnePaidOrUnpaidScenarioOnEveryValidOrderAndCoverEveryCase() {
    Map<Tag, Long> tags = DATA.countOrdersByTag();

    assertThat(tags.keySet()).containsExactlyInAnyOrder(Tag.values());
    for (GeneratedRecord r : DATA.records(HopperTopic.SHOP_ORDERS)) {
      long scenarios = r.tags().stream().filter(t -> t.ordinal() >= Tag.PAID.ordinal()).count();
      boolean expectsScenario =
          r.label() == RecordLabel.ON_TIME || r.label() == RecordLabel.DISORDERED;
      assertThat(scenarios).as("%s", r).isEqualTo(expectsScenario ? 1 : 0);
    }
  }

  @Test
  void shouldMakePaymentsMatchTheirScenario() {
    Map<String, List<Payment>> byOrder = new HashMap<>();
    Map<String, GeneratedRecord> orders = new HashMap<>();
    for (GeneratedRecord r : DATA.records()) {
      if (r.order() != null && r.label() != RecordLabel.BAD) {
        orders.put(r.order().getOrderId(), r);
      }
      if (r.payment() != null && r.label() != RecordLabel.BAD && r.label() != RecordLabel.LATE) {
        byOrder
            .computeIfAbsent(r.payment().getOrderId(), k -> new java.util.ArrayList<>())
            .add(r.payment());
      }
    }
    for (GeneratedRecord r : orders.values()) {
      Order o = r.order();
      List<Payment> ps = byOrder.getOrDefault(o.getOrderId(), List.of());
      boolean paid = ps.stream().anyMatch(p -> inWindow(o, p) && counts(p));
      if (r.has(Tag.PAID)
          || r.has(Tag.PAID_AFTER_FAILURE)
          || r.has(Tag.PAID_TWICE)
          || r.has(Tag.PAID_TIE)
          || r.has(Tag.PAID_AT_WINDOW_START)
          || r.has(Tag.PAID_AT_WINDOW_END)) {
        assertThat(paid).as("%s %s", r, ps).isTrue();
      } else if (r.label() != RecordLabel.TRAILER) {
        assertThat(paid).as("%s %s", r, ps).isFalse();
      }
      if (r.has(Tag.PAID_AT_WINDOW_END)) {
        assertThat(ps)
            .singleElement()
            .satisfies(
                p ->
                    assertThat(p.getPaidAt())
                        .isEqualTo(o.getOrderTime().plus(Duration.ofMinutes(15))));
      }
      if (r.has(Tag.PAID_TIE)) {
        assertThat(ps).hasSize(2);
        assertThat(ps.get(0).getPaidAt()).isEqualTo(ps.get(1).getPaidAt());
        assertThat(ps.get(0).getPaymentId()).isGreaterThan(ps.get(1).getPaymentId());
      }
    }
    assertThat(
            DATA.records(HopperTopic.SHOP_PAYMENTS).stream().filter(r -> r.has(Tag.ORPHAN_PAYMENT)))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(orders).doesNotContainKey(r.payment().getOrderId()));
  }

  private static boolean inWindow(Order o, Payment p) {
    return !p.getPaidAt().isBefore(o.getOrderTime())
        && !p.getPaidAt().isAfter(o.getOrderTime().plus(Duration.ofMinutes(15)));
  }

  private static boolean counts(Payment p) {
    return p.getStatus() == PaymentStatus.AUTHORIZED || p.getStatus() == PaymentStatus.CAPTURED;
  }

  @Test
  void shouldFlagEnrichmentGapsConsistentlyWithTheCatalogAndQuotes() {
    Set<String> products = new HashSet<>();
    DATA.products().forEach(p -> products.add(p.getProductId()));
    Set<String> customers = new HashSet<>();
    DATA.customers().forEach(c -> customers.add(c.getCustomerId()));
    Instant firstBitcoin =
        DATA.records(HopperTopic.CRYPTO_QUOTES).stream()
            .filter(r -> r.label() != RecordLabel.BAD && r.quote().getCoinId().equals("bitcoin"))
            .map(r -> r.quote().getLastUpdated())
            .min(Instant::compareTo)
            .orElseThrow();

    for (GeneratedRecord r : DATA.records(HopperTopic.SHOP_ORDERS)) {
      if (r.label() == RecordLabel.BAD) {
        continue;
      }
      Order o = r.order();
      assertThat(r.has(Tag.UNKNOWN_PRODUCT)).isEqualTo(!products.contains(o.getProductId()));
      assertThat(r.has(Tag.UNKNOWN_CUSTOMER)).isEqualTo(!customers.contains(o.getCustomerId()));
      assertThat(r.has(Tag.BEFORE_FIRST_QUOTE)).isEqualTo(o.getOrderTime().isBefore(firstBitcoin));
    }
  }

  @Test
  void shouldFollowRealisticDistributions() {
    List<Order> valid =
        DATA.records(HopperTopic.SHOP_ORDERS).stream()
            .filter(r -> r.label() == RecordLabel.ON_TIME)
            .map(GeneratedRecord::order)
            .toList();
    Map<PaymentMethod, Long> methods =
        valid.stream()
            .collect(Collectors.groupingBy(Order::getPaymentMethod, Collectors.counting()));
    Set<BigDecimal> discounts =
        valid.stream()
            .map(o -> o.getDiscountPct().stripTrailingZeros())
            .collect(Collectors.toSet());
    long noDiscount = valid.stream().filter(o -> o.getDiscountPct().signum() == 0).count();
    long single = valid.stream().filter(o -> o.getQuantity() == 1).count();

    assertThat(methods.keySet())
        .containsExactlyInAnyOrder(
            PaymentMethod.UPI,
            PaymentMethod.CREDIT_CARD,
            PaymentMethod.DEBIT_CARD,
            PaymentMethod.NET_BANKING,
            PaymentMethod.CASH_ON_DELIVERY);
    assertThat((double) methods.get(PaymentMethod.UPI) / valid.size())
        .isCloseTo(0.34, within(0.03));
    assertThat(discounts)
        .allSatisfy(d -> assertThat(d.remainder(new BigDecimal(5)).signum()).isZero())
        .allSatisfy(d -> assertThat(d).isBetween(BigDecimal.ZERO, new BigDecimal(50)));
    assertThat(discounts).hasSize(11);
    assertThat((double) noDiscount / valid.size()).isCloseTo(0.30, within(0.03));
    assertThat((double) single / valid.size()).isCloseTo(0.72, within(0.03));
    assertThat(valid).allSatisfy(o -> assertThat(o.getCurrency()).isEqualTo("INR"));
    assertThat(DATA.products().stream().map(p -> p.getCategory()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(Catalog.CATEGORIES);
  }

  @Test
  void shouldQuoteBitcoinInUsdAndInrWithAConsistentRate() {
    Map<Instant, Map<String, Double>> btc = new HashMap<>();
    for (GeneratedRecord r : DATA.records(HopperTopic.CRYPTO_QUOTES)) {
      if (r.quote() != null
          && r.label() == RecordLabel.ON_TIME
          && r.quote().getCoinId().equals("bitcoin")) {
        btc.computeIfAbsent(r.quote().getLastUpdated(), k -> new HashMap<>())
            .put(r.quote().getVsCurrency(), r.quote().getPrice());
      }
    }
    long both = btc.values().stream().filter(m -> m.size() == 2).count();

    assertThat(both).isGreaterThan(100);
    btc.values().stream()
        .filter(m -> m.size() == 2)
        .forEach(m -> assertThat(m.get("inr") / m.get("usd")).isBetween(80.0, 90.0));
    assertThat(DATA.records(HopperTopic.CRYPTO_QUOTES))
        .allSatisfy(r -> assertThat(r.key()).matches("[a-z]+:(usd|inr)"));
  }

  @Test
  void shouldPlaceTrailersOnEveryPartitionAndCategoryAfterEverything() {
    List<GeneratedRecord> trailers = DATA.withLabel(RecordLabel.TRAILER);
    Instant lastRegular =
        DATA.records().stream()
            .filter(r -> r.label() != RecordLabel.TRAILER)
            .map(GeneratedRecord::timestamp)
            .max(Instant::compareTo)
            .orElseThrow();
    Set<String> orderCells =
        trailers.stream()
            .filter(r -> r.order() != null)
            .map(
                r ->
                    OrderTimeline.partitionOf(r.key(), FIXTURE.partitions())
                        + "/"
                        + r.order().getCategory())
            .collect(Collectors.toSet());
    Set<Integer> paymentPartitions =
        trailers.stream()
            .filter(r -> r.payment() != null)
            .map(r -> OrderTimeline.partitionOf(r.key(), FIXTURE.partitions()))
            .collect(Collectors.toSet());

    assertThat(orderCells).hasSize(FIXTURE.partitions() * Catalog.CATEGORIES.size());
    assertThat(paymentPartitions).hasSize(FIXTURE.partitions());
    assertThat(trailers)
        .allSatisfy(
            r ->
                assertThat(r.eventTime()).isAfterOrEqualTo(lastRegular.plus(FIXTURE.trailerGap())));
    assertThat(trailers.stream().filter(r -> r.quote() != null))
        .hasSize(2 * FIXTURE.coins().size());
    assertThat(DATA.trailerTime()).isEqualTo(trailers.get(0).eventTime());
    assertThat(
            Duration.between(
                FIXTURE.start(), DATA.records().get(DATA.records().size() - 1).timestamp()))
        .isLessThanOrEqualTo(FIXTURE.span());
  }

  @Test
  void shouldRunEndlesslyWithBoundedLookahead() {
    GeneratorConfig endless =
        GeneratorConfig.builder()
            .orders(GeneratorConfig.UNLIMITED)
            .includeQuotes(false)
            .trailers(false)
            .quotesFirst(false)
            .badRatio(0.01)
            .lateRatio(0.01)
            .build();

    Iterator<GeneratedRecord> it = DataGenerator.stream(endless);
    int orders = 0;
    while (orders < 20_000) {
      if (it.next().topic() == HopperTopic.SHOP_ORDERS) {
        orders++;
      }
    }

    assertThat(it.hasNext()).isTrue();
  }

  @Test
  void shouldRejectInconsistentConfigurations() {
    assertThatThrownBy(() -> GeneratorConfig.builder().badRatio(1.5).build())
        .hasMessageContaining("badRatio");
    assertThatThrownBy(() -> GeneratorConfig.builder().badRatio(0.6).lateRatio(0.6).build())
        .hasMessageContaining("<= 1");
    assertThatThrownBy(() -> GeneratorConfig.builder().orders(GeneratorConfig.UNLIMITED).build())
        .hasMessageContaining("endless");
    assertThatThrownBy(
            () ->
                DataGenerator.generate(
                    GeneratorConfig.builder()
                        .orders(GeneratorConfig.UNLIMITED)
                        .trailers(false)
                        .includeQuotes(false)
                        .build()))
        .hasMessageContaining("endless");
  }

  private static int readInt(byte[] b) {
    return ((b[1] & 0xff) << 24) | ((b[2] & 0xff) << 16) | ((b[3] & 0xff) << 8) | (b[4] & 0xff);
  }

  private static int indexOf(List<GeneratedRecord> records, HopperTopic topic) {
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).topic() == topic) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(List<GeneratedRecord> records, HopperTopic topic) {
    for (int i = records.size() - 1; i >= 0; i--) {
      if (records.get(i).topic() == topic) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(List<GeneratedRecord> records, RecordLabel label) {
    for (int i = records.size() - 1; i >= 0; i--) {
      if (records.get(i).label() == label) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unused")
  private static String dump(List<GeneratedRecord> records) {
    return Arrays.toString(records.toArray());
  }
}
