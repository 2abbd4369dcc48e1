package dev.hopper.producers.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.avro.PaymentMethod;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderCsvReaderTest {

  private static final String HEADER =
      "User_ID,Product_ID,Category,Price (Rs.),Discount (%),Final_Price(Rs.),Payment_Method,Purchase_Date";

  private static List<CsvRow> rows(String... lines) throws IOException {
    String text = HEADER + "\n" + String.join("\n", lines) + "\n";
    try (OrderCsvReader reader = new OrderCsvReader(new StringReader(text))) {
      List<CsvRow> out = new ArrayList<>();
      Optional<CsvRow> r;
      while ((r = reader.next()).isPresent()) {
        out.add(r.get());
      }
      return out;
    }
  }

  private static CsvRow row(String line) throws IOException {
    List<CsvRow> rows = rows(line);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void shouldParseADatasetRowWithAmountsAtScaleTwo() throws IOException {
    CsvRow row = row("337c166f,f414122f-e,Sports,36.53,15,31.05,Net Banking,12-11-2024");

    assertThat(row.isValid()).isTrue();
    assertThat(row.lineNumber()).isEqualTo(2);
    assertThat(row.ordinal()).isEqualTo(1);
    OrderRow o = row.order();
    assertThat(o.customerId()).isEqualTo("337c166f");
    assertThat(o.productId()).isEqualTo("f414122f-e");
    assertThat(o.category()).isEqualTo("Sports");
    assertThat(o.unitPrice()).isEqualTo(new BigDecimal("36.53"));
    assertThat(o.discountPct()).isEqualTo(new BigDecimal("15.00"));
    assertThat(o.finalPrice()).isEqualTo(new BigDecimal("31.05"));
    assertThat(o.paymentMethod()).isEqualTo(PaymentMethod.NET_BANKING);
    assertThat(o.purchaseDate()).isEqualTo(LocalDate.of(2024, 11, 12));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Credit Card|CREDIT_CARD",
        "Debit Card|DEBIT_CARD",
        "UPI|UPI",
        "Net Banking|NET_BANKING",
        "Cash on Delivery|CASH_ON_DELIVERY",
        "cash ON delivery|CASH_ON_DELIVERY"
      })
  void shouldMapEveryDatasetPaymentMethod(String label, PaymentMethod method) throws IOException {
    CsvRow row = row("u1,p1,Books,10,0,10," + label + ",01-01-2024");

    assertThat(row.order().paymentMethod()).isEqualTo(method);
  }

  @Test
  void shouldHonourQuotingWithCommasAndEscapedQuotes() throws IOException {
    CsvRow row =
        row("\"u,1\",p1,\"Home & Kitchen, \"\"Deluxe\"\"\",\"1200.5\",10,1080.45,UPI, 05-06-2024 ");

    assertThat(row.isValid()).as("%s", row).isTrue();
    assertThat(row.order().customerId()).isEqualTo("u,1");
    assertThat(row.order().category()).isEqualTo("Home & Kitchen, \"Deluxe\"");
    assertThat(row.order().unitPrice()).isEqualTo(new BigDecimal("1200.50"));
    assertThat(row.order().purchaseDate()).isEqualTo(LocalDate.of(2024, 6, 5));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "u1,p1,Books,10,0,10,UPI|WRONG_COLUMN_COUNT|expected 8 columns but found 7",
        "u1,p1,Books,10,0,10,UPI,01-01-2024,extra|WRONG_COLUMN_COUNT|found 9",
        "u1,p1,Bo\"oks,10,0,10,UPI,01-01-2024|MALFORMED_QUOTE|column 3: quote inside an unquoted field",
        "u1,\"p1\"x,Books,10,0,10,UPI,01-01-2024|MALFORMED_QUOTE|column 2: unexpected text after the closing quote",
        "u1,p1,\"Books,10,0,10,UPI,01-01-2024|MALFORMED_QUOTE|column 3: quote opened but not closed",
        "u1,,Books,10,0,10,UPI,01-01-2024|EMPTY_FIELD|Product_ID is empty",
        "u1,p1,Books,ten,0,10,UPI,01-01-2024|BAD_NUMBER|Price (Rs.) 'ten' is not a decimal number",
        "u1,p1,Books,10,0,1e3,UPI,01-01-2024|BAD_NUMBER|Final_Price(Rs.) '1e3' is not a decimal number",
        "u1,p1,Books,10.005,0,10,UPI,01-01-2024|BAD_NUMBER|has more than 2 decimal places",
        "u1,p1,Books,10,1000,10,UPI,01-01-2024|BAD_NUMBER|Discount (%) '1000' is too large",
        "u1,p1,Books,10,0,10,UPI,31-02-2024|BAD_DATE|Purchase_Date '31-02-2024' is not a DD-MM-YYYY date",
        "u1,p1,Books,10,0,10,UPI,2024-02-01|BAD_DATE|'2024-02-01'",
        "u1,p1,Books,10,0,10,UPI,1/2/2024|BAD_DATE|'1/2/2024'",
        "u1,p1,Books,10,0,10,Bitcoin,01-01-2024|UNKNOWN_PAYMENT_METHOD|Payment_Method 'Bitcoin' is not one of"
      })
  void shouldReportEveryKindOfBadRowWithItsReason(String line, RowError.Kind kind, String message)
      throws IOException {
    CsvRow row = row(line);

    assertThat(row.isValid()).isFalse();
    assertThat(row.error().kind()).isEqualTo(kind);
    assertThat(row.error().message()).contains(message);
    assertThat(row.rawLine()).isEqualTo(line);
    assertThat(row.lineNumber()).isEqualTo(2);
  }

  @Test
  void shouldLeaveBusinessRulesToTheValidationGate() throws IOException {
    CsvRow row = row("u1,p1,Books,-10,150,999.99,UPI,01-01-1990");

    assertThat(row.isValid()).isTrue();
    assertThat(row.order().unitPrice()).isEqualTo(new BigDecimal("-10.00"));
    assertThat(row.order().discountPct()).isEqualTo(new BigDecimal("150.00"));
  }

  @Test
  void shouldCountLinesAcrossBlankLinesAndKeepGoingAfterBadRows() throws IOException {
    List<CsvRow> rows =
        rows(
            "u1,p1,Books,10,0,10,UPI,01-01-2024",
            "",
            "broken",
            "   ",
            "u2,p2,Toys,20,50,10,UPI,02-01-2024");

    assertThat(rows).extracting(CsvRow::lineNumber).containsExactly(2L, 4L, 6L);
    assertThat(rows).extracting(CsvRow::ordinal).containsExactly(1L, 2L, 3L);
    assertThat(rows).extracting(CsvRow::isValid).containsExactly(true, false, true);
  }

  @Test
  void shouldAcceptAByteOrderMarkAndWindowsLineEnds() throws IOException {
    String text = "\uFEFF" + HEADER + "\r\nu1,p1,Books,10,0,10,UPI,01-01-2024\r\n";
    try (OrderCsvReader reader = new OrderCsvReader(new StringReader(text))) {
      CsvRow row = reader.next().orElseThrow();

      assertThat(row.isValid()).isTrue();
      assertThat(row.order().purchaseDate()).isEqualTo(LocalDate.of(2024, 1, 1));
      assertThat(reader.next()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "User_ID,Product_ID,Category,Price,Discount (%),Final_Price(Rs.),Payment_Method,Purchase_Date",
        "Product_ID,User_ID,Category,Price (Rs.),Discount (%),Final_Price(Rs.),Payment_Method,Purchase_Date",
        "u1,p1,Books,10,0,10,UPI,01-01-2024",
        "User_ID,Product_ID,Category"
      })
  void shouldFailFastOnAWrongHeader(String header) {
    assertThatThrownBy(() -> new OrderCsvReader(new StringReader(header + "\n")))
        .isInstanceOf(CsvHeaderException.class)
        .hasMessageStartingWith("line 1: expected the header 'User_ID,Product_ID,")
        .hasMessageContaining("but found '" + header + "' (column ");
  }

  @Test
  void shouldFailFastOnAnEmptyFile() {
    assertThatThrownBy(() -> new OrderCsvReader(new StringReader("")))
        .isInstanceOf(CsvHeaderException.class)
        .hasMessageContaining("the file is empty");
  }
}
