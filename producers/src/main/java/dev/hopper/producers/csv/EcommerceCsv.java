package dev.hopper.producers.csv;

import dev.hopper.avro.PaymentMethod;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The format of the public e-commerce dataset: its header, date format and payment method labels,
 * shared by the CSV replay (reading) and the generator's {@code --csv-out} (writing).
 */
public final class EcommerceCsv {

  /** The exact header line of the dataset, column by column. */
  public static final List<String> HEADER =
      List.of(
          "User_ID",
          "Product_ID",
          "Category",
          "Price (Rs.)",
          "Discount (%)",
          "Final_Price(Rs.)",
          "Payment_Method",
          "Purchase_Date");

  /** Number of columns of every row. */
  public static final int COLUMNS = HEADER.size();

  /** Purchase dates: {@code DD-MM-YYYY}, validated strictly (no 31-02). */
  public static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd-MM-uuuu", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /** The dataset's currency. */
  public static final String CURRENCY = "INR";

  private static final Map<PaymentMethod, String> LABELS = new EnumMap<>(PaymentMethod.class);

  static {
    LABELS.put(PaymentMethod.CREDIT_CARD, "Credit Card");
    LABELS.put(PaymentMethod.DEBIT_CARD, "Debit Card");
    LABELS.put(PaymentMethod.UPI, "UPI");
    LABELS.put(PaymentMethod.NET_BANKING, "Net Banking");
    LABELS.put(PaymentMethod.CASH_ON_DELIVERY, "Cash on Delivery");
  }

  private EcommerceCsv() {}

  /** The header as one CSV line. */
  public static String headerLine() {
    return String.join(",", HEADER);
  }

  /**
   * The payment method written as in the dataset ({@code Credit Card}, {@code UPI}, ...), matched
   * ignoring case and surrounding spaces; empty for anything else.
   */
  public static Optional<PaymentMethod> parsePaymentMethod(String label) {
    String wanted = label.strip();
    for (Map.Entry<PaymentMethod, String> e : LABELS.entrySet()) {
      if (e.getValue().equalsIgnoreCase(wanted)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** The dataset's label of a payment method; {@code UNKNOWN} has none. */
  public static Optional<String> label(PaymentMethod method) {
    return Optional.ofNullable(LABELS.get(method));
  }

  /** Quotes a field when it holds a comma, a quote or a line break (RFC 4180). */
  public static String quote(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /** One CSV line of the given fields, quoted where needed, without a line terminator. */
  public static String line(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(fields.get(i)));
    }
    return sb.toString();
  }
}
