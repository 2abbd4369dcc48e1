package dev.hopper.producers.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.Order;
import dev.hopper.producers.generate.BadKind;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.producers.generate.RecordLabel;
import dev.hopper.topics.HopperTopic;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvOrdersTest {

  private static List<CsvRow> read(String csv) throws IOException {
    try (OrderCsvReader reader = new OrderCsvReader(new StringReader(csv))) {
      List<CsvRow> rows = new ArrayList<>();
      Optional<CsvRow> r;
      while ((r = reader.next()).isPresent()) {
        rows.add(r.get());
      }
      return rows;
    }
  }

  private static final String FILE =
      EcommerceCsv.headerLine()
          + "\n337c166f,f414122f-e,Sports,36.53,15,31.05,Net Banking,12-11-2024"
          + "\n337c166f,f414122f-e,Sports,36.53,15,31.05,Net Banking,12-11-2024"
          + "\n9a1b2c3d,0b1c2d3e-f,Books,250,0,250,UPI,01-03-2024\n";

  @Test
  void shouldGiveTheSameIdsAndTimesWhenTheSameFileIsReadTwice() throws IOException {
    List<CsvOrders.Identity> first = read(FILE).stream().map(CsvOrders::identity).toList();
    List<CsvOrders.Identity> second = read(FILE).stream().map(CsvOrders::identity).toList();

    assertThat(second).isEqualTo(first);
    assertThat(first.stream().map(CsvOrders.Identity::orderId).distinct()).hasSize(3);
    assertThat(first.get(0).orderId()).matches("csv-[0-9a-f]{20}");
  }

  @Test
  void shouldPlaceTheEventTimeOnThePurchaseDay() throws IOException {
    for (CsvRow row : read(FILE)) {
      Instant t = CsvOrders.identity(row).eventTime();
      assertThat(LocalDate.ofInstant(t, ZoneOffset.UTC)).isEqualTo(row.order().purchaseDate());
    }
  }

  @Test
  void shouldMapARowToAnOrderOfOneUnitInInrShiftedAsAsked() throws IOException {
    CsvRow row = read(FILE).get(2);
    Duration shift = Duration.ofDays(400);

    Order order = CsvOrders.toOrder(row, shift);

    assertThat(order.getQuantity()).isEqualTo(1);
    assertThat(order.getCurrency()).isEqualTo("INR");
    assertThat(order.getUnitPrice()).isEqualTo(new BigDecimal("250.00"));
    assertThat(order.getOrderTime()).isEqualTo(CsvOrders.identity(row).eventTime().plus(shift));
    assertThat(CsvOrders.toProduct(row.order()).getName()).isNull();
    assertThat(CsvOrders.toCustomer(row.order()).getCity()).isNull();
  }

  @Test
  void shouldWriteGeneratedOrdersThatReadBackAsTheSameOrders() throws IOException {
    GeneratedData data =
        DataGenerator.generate(
            GeneratorConfig.builder().orders(3000).badRatio(0.05).seed(3).build());
    StringWriter csv = new StringWriter();

    long rows = new CsvOrderWriter(csv).writeAll(data.records().iterator());
    List<CsvRow> back = read(csv.toString());

    List<GeneratedRecord> written =
        data.records(HopperTopic.SHOP_ORDERS).stream()
            .filter(r -> r.label() != RecordLabel.TRAILER)
            .toList();
    assertThat(rows).isEqualTo(written.size()).isEqualTo(back.size());
    Set<RowError.Kind> csvErrors = new HashSet<>();
    for (int i = 0; i < written.size(); i++) {
      GeneratedRecord r = written.get(i);
      CsvRow row = back.get(i);
      if (r.isPoisonPill()
          || r.badKind() == BadKind.ORDER_MISSING_FIELD
          || r.badKind() == BadKind.ORDER_UNKNOWN_PAYMENT_METHOD) {
        assertThat(row.isValid()).as("%s -> %s", r, row.rawLine()).isFalse();
        csvErrors.add(row.error().kind());
        continue;
      }
      assertThat(row.isValid()).as("%s -> %s", r, row.rawLine()).isTrue();
      Order o = r.order();
      assertThat(row.order().customerId()).isEqualTo(o.getCustomerId());
      assertThat(row.order().finalPrice()).isEqualTo(o.getFinalPrice());
      assertThat(row.order().unitPrice())
          .isEqualByComparingTo(o.getUnitPrice().multiply(BigDecimal.valueOf(o.getQuantity())));
      assertThat(row.order().paymentMethod()).isEqualTo(o.getPaymentMethod());
    }
    assertThat(csvErrors)
        .contains(
            RowError.Kind.WRONG_COLUMN_COUNT,
            RowError.Kind.BAD_NUMBER,
            RowError.Kind.BAD_DATE,
            RowError.Kind.MALFORMED_QUOTE,
            RowError.Kind.EMPTY_FIELD,
            RowError.Kind.UNKNOWN_PAYMENT_METHOD);
  }
}
