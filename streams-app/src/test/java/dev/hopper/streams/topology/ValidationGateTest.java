package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.avro.PaymentStatus;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.streams.topology.validation.Rule;
import dev.hopper.streams.topology.validation.Source;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationGateTest {
  @TempDir Path state;

  static Stream<Arguments> badOrders() {
    return Stream.of(
        Arguments.of(Rule.REQUIRED_FIELDS, (UnaryOperator<Order.Builder>) b -> b.setCategory(" ")),
        Arguments.of(Rule.KEY_MISMATCH, (UnaryOperator<Order.Builder>) b -> b.setOrderId("other")),
        Arguments.of(
            Rule.UNIT_PRICE_POSITIVE,
            (UnaryOperator<Order.Builder>) b -> b.setUnitPrice(new BigDecimal("0.00"))),
        Arguments.of(
            Rule.QUANTITY_AT_LEAST_ONE, (UnaryOperator<Order.Builder>) b -> b.setQuantity(0)),
        Arguments.of(
            Rule.DISCOUNT_RANGE,
            (UnaryOperator<Order.Builder>) b -> b.setDiscountPct(new BigDecimal("100.50"))),
        Arguments.of(
            Rule.FINAL_PRICE_CONSISTENT,
            (UnaryOperator<Order.Builder>) b -> b.setFinalPrice(new BigDecimal("180.02"))),
        Arguments.of(
            Rule.KNOWN_ENUMS,
            (UnaryOperator<Order.Builder>) b -> b.setPaymentMethod(PaymentMethod.UNKNOWN)),
        Arguments.of(
            Rule.EVENT_TIME_PLAUSIBLE,
            (UnaryOperator<Order.Builder>)
                b -> b.setOrderTime(Instant.parse("1999-12-31T23:59:59Z"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOrders")
  void shouldRejectOrderBreakingOneRule(Rule rule, UnaryOperator<Order.Builder> breakIt) {
    try (Fixture f = new Fixture(state)) {
      // Given an order valid in every respect but one
      Order bad = breakIt.apply(Samples.order("o1", at(0))).build();
      byte[] raw = f.serdes.order().serializer().serialize(f.topics.orders().name(), bad);

      // When it is ingested under key o1
      f.orders.pipeInput("o1", raw, at(1));

      // Then it is a dead letter naming exactly that rule, with the raw bytes and ingestion time
      TestRecord<String, RejectedRecord> out = f.rejected.readRecord();
      RejectedRecord r = out.value();
      assertThat(out.key()).isEqualTo("o1");
      assertThat(out.timestamp()).isEqualTo(at(1).toEpochMilli());
      assertThat(r.getRules()).containsExactly(rule.name());
      assertThat(r.getSourceTopic()).isEqualTo("shop.orders");
      assertThat(r.getPartition()).isZero();
      assertThat(r.getOffset()).isZero();
      assertThat(r.getKey()).isEqualTo("o1");
      assertThat(r.getRawValue()).isEqualTo(ByteBuffer.wrap(raw));
      assertThat(r.getRejectedAt()).isEqualTo(at(1));
      assertThat(r.getMessage()).isNotBlank();
      assertThat(f.counters.rejectedCount(Source.ORDERS, rule)).isEqualTo(1);
      assertThat(f.rejected.isEmpty()).isTrue();
      f.driver.advanceWallClockTime(java.time.Duration.ofMinutes(5));
      assertThat(f.enriched.isEmpty()).isTrue();
      assertThat(f.paymentStatus.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldRejectFarFutureOrderWithItsIngestionTimeAndNotLetItAdvanceStreamTime() {
    try (Fixture f = new Fixture(state)) {
      // Given a far-future order (one hour after its ingestion time)
      f.order(Samples.order("future", at(3600)).build(), at(0));

      // Then it is rejected, stamped with its ingestion time
      TestRecord<String, RejectedRecord> out = f.rejected.readRecord();
      assertThat(out.value().getRules()).containsExactly(Rule.EVENT_TIME_PLAUSIBLE.name());
      assertThat(out.timestamp()).isEqualTo(at(0).toEpochMilli());
      assertThat(out.value().getRejectedAt()).isEqualTo(at(0));

      // And a later on-time order still gets its payment outcome in its own time frame
      f.order(Samples.order("o1", at(10)).build());
      f.payment(Samples.payment("pay-1", "o1", PaymentStatus.CAPTURED, at(20)).build());
      f.payment(Samples.payment("pay-2", "other", PaymentStatus.FAILED, at(200)).build());
      assertThat(f.paymentStatus.readValuesToList())
          .singleElement()
          .satisfies(p -> assertThat(p.getPaymentId()).isEqualTo("pay-1"));
    }
  }

  @Test
  void shouldTurnPoisonPillIntoDeadLetterAndKeepProcessing() {
    try (Fixture f = new Fixture(state)) {
      byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
      f.orders.pipeInput("o0", garbage, at(0));
      f.orders.pipeInput("o-null", (byte[]) null, at(0));
      Payment wrongType = Samples.payment("pay", "o9", PaymentStatus.CAPTURED, at(0)).build();
      f.orders.pipeInput(
          "o9", f.serdes.payment().serializer().serialize("shop.payments", wrongType), at(0));
      f.order(Samples.order("o1", at(0)).build());

      List<RejectedRecord> dead = f.rejected.readValuesToList();
      assertThat(dead).hasSize(3);
      assertThat(dead).allSatisfy(r -> assertThat(r.getRules()).containsExactly("DESERIALIZATION"));
      assertThat(dead.get(0).getRawValue()).isEqualTo(ByteBuffer.wrap(garbage));
      assertThat(dead.get(0).getOffset()).isZero();
      assertThat(dead.get(1).getRawValue()).isNull();
      assertThat(dead.get(2).getMessage()).contains("expected Order");
      assertThat(f.counters.rejectedCount(Source.ORDERS, Rule.DESERIALIZATION)).isEqualTo(3);

      // The valid order after them is processed normally
      f.payment(Samples.payment("pay-1", "o1", PaymentStatus.CAPTURED, at(5)).build());
      f.payment(Samples.payment("pay-x", "zz", PaymentStatus.FAILED, at(200)).build());
      assertThat(f.paymentStatus.readKeyValuesToList())
          .extracting(kv -> kv.key)
          .containsExactly("o1");
    }
  }

  @Test
  void shouldApplyPaymentRules() {
    try (Fixture f = new Fixture(state)) {
      f.payment(
          Samples.payment("p1", "o1", PaymentStatus.CAPTURED, at(0))
              .setAmount(new BigDecimal("-1.00"))
              .build());
      f.payment(Samples.payment("p2", "o2", PaymentStatus.UNKNOWN, at(0)).build());
      f.payment(
          Samples.payment("p3", "o3", PaymentStatus.CAPTURED, at(0))
              .setMethod(PaymentMethod.UNKNOWN)
              .build());
      Payment future = Samples.payment("p4", "o4", PaymentStatus.CAPTURED, at(1000)).build();
      f.payments.pipeInput(
          "o4", f.serdes.payment().serializer().serialize("shop.payments", future), at(0));
      Payment wrongKey = Samples.payment("p5", "o5", PaymentStatus.CAPTURED, at(0)).build();
      f.payments.pipeInput(
          "o6", f.serdes.payment().serializer().serialize("shop.payments", wrongKey), at(0));

      assertThat(f.rejected.readValuesToList())
          .extracting(r -> r.getRules().get(0))
          .containsExactly(
              "AMOUNT_POSITIVE",
              "KNOWN_ENUMS",
              "KNOWN_ENUMS",
              "EVENT_TIME_PLAUSIBLE",
              "KEY_MISMATCH");
      assertThat(f.counters.rejectedCount(Source.PAYMENTS, Rule.KNOWN_ENUMS)).isEqualTo(2);
      assertThat(f.counters.rejectedCount(Source.ORDERS, Rule.KNOWN_ENUMS)).isZero();
    }
  }

  @Test
  void shouldApplyQuoteRulesAndAcceptQuoteWithoutPrice() {
    try (Fixture f = new Fixture(state)) {
      f.quote(Samples.quote("bitcoin", "usd", -5.0, at(0)).build());
      f.quote(
          Samples.quote("bitcoin", "usd", 60_000.0, Instant.parse("1990-01-01T00:00:00Z")).build(),
          at(0));
      CoinQuote wrongKey = Samples.quote("bitcoin", "usd", 60_000.0, at(0)).build();
      f.quotes.pipeInput(
          "bitcoin:eur", f.serdes.quote().serializer().serialize("crypto.quotes", wrongKey), at(0));
      f.quote(Samples.quote("bitcoin", "usd", null, at(0)).build());

      assertThat(f.rejected.readValuesToList())
          .extracting(r -> r.getRules().get(0))
          .containsExactly("PRICE_POSITIVE", "EVENT_TIME_PLAUSIBLE", "KEY_MISMATCH");
      assertThat(f.counters.rejectedCounts(Source.QUOTES))
          .containsEntry(Rule.PRICE_POSITIVE, 1L)
          .containsEntry(Rule.EVENT_TIME_PLAUSIBLE, 1L)
          .containsEntry(Rule.KEY_MISMATCH, 1L)
          .containsEntry(Rule.DESERIALIZATION, 0L);
    }
  }

  @Test
  void shouldReportEveryFailedRuleOfOneRecord() {
    try (Fixture f = new Fixture(state)) {
      f.order(
          Samples.order("o1", at(0))
              .setQuantity(0)
              .setPaymentMethod(PaymentMethod.UNKNOWN)
              .build());
      assertThat(f.rejected.readValue().getRules())
          .containsExactly("QUANTITY_AT_LEAST_ONE", "KNOWN_ENUMS");
    }
  }
}
