package dev.hopper.producers.csv;

import dev.hopper.avro.PaymentMethod;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Streams the rows of a CSV in the e-commerce dataset's format, one at a time (constant memory).
 * The header is checked when the reader is opened; every later row comes back either parsed or with
 * the reason it cannot become an order, never skipped. Blank lines are not rows and are only
 * counted.
 */
public final class OrderCsvReader implements Closeable {

  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
  private static final int MONEY_INTEGER_DIGITS = 16; // decimal(18,2)
  private static final int PERCENT_INTEGER_DIGITS = 3; // decimal(5,2)

  private final BufferedReader reader;
  private long lineNumber;
  private long ordinal;
  private long blankLines;

  /** Reads and checks the header; fails with {@link CsvHeaderException} when it is wrong. */
  public OrderCsvReader(Reader source) throws IOException {
    this.reader = source instanceof BufferedReader b ? b : new BufferedReader(source, 1 << 16);
    checkHeader();
  }

  /** Opens a UTF-8 file and checks its header. */
  public static OrderCsvReader open(Path file) throws IOException {
    BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    try {
      return new OrderCsvReader(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private void checkHeader() throws IOException {
    String line = reader.readLine();
    lineNumber = 1;
    if (line == null) {
      throw new CsvHeaderException(
          "line 1: the file is empty; expected the header " + EcommerceCsv.headerLine());
    }
    if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
      line = line.substring(1);
    }
    List<String> fields;
    try {
      fields = CsvLineSplitter.split(line);
    } catch (CsvSyntaxException e) {
      fields = List.of();
    }
    if (!fields.equals(EcommerceCsv.HEADER)) {
      String detail = "";
      for (int i = 0; i < EcommerceCsv.COLUMNS; i++) {
        if (i >= fields.size()) {
          detail = " (column " + (i + 1) + " '" + EcommerceCsv.HEADER.get(i) + "' is missing)";
          break;
        }
        if (!fields.get(i).equals(EcommerceCsv.HEADER.get(i))) {
          detail =
              " (column "
                  + (i + 1)
                  + " is '"
                  + abbreviate(fields.get(i))
                  + "', expected '"
                  + EcommerceCsv.HEADER.get(i)
                  + "')";
          break;
        }
      }
      throw new CsvHeaderException(
          "line 1: expected the header '"
              + EcommerceCsv.headerLine()
              + "' but found '"
              + (line.length() <= 200 ? line : line.substring(0, 197) + "...")
              + "'"
              + detail);
    }
  }

  /** The next data row, or empty at the end of the file. */
  public Optional<CsvRow> next() throws IOException {
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        return Optional.empty();
      }
      lineNumber++;
      if (line.isBlank()) {
        blankLines++;
        continue;
      }
      ordinal++;
      return Optional.of(parse(line));
    }
  }

  private CsvRow parse(String line) {
    List<String> f;
    try {
      f = CsvLineSplitter.split(line);
    } catch (CsvSyntaxException e) {
      return error(line, e.kind(), e.getMessage());
    }
    if (f.size() != EcommerceCsv.COLUMNS) {
      return error(
          line,
          RowError.Kind.WRONG_COLUMN_COUNT,
          "expected " + EcommerceCsv.COLUMNS + " columns but found " + f.size());
    }
    for (int i = 0; i < f.size(); i++) {
      if (f.get(i).isEmpty()) {
        return error(line, RowError.Kind.EMPTY_FIELD, EcommerceCsv.HEADER.get(i) + " is empty");
      }
    }
    Object price = money(f.get(3), 3, MONEY_INTEGER_DIGITS);
    if (price instanceof RowError e) {
      return error(line, e);
    }
    Object discount = money(f.get(4), 4, PERCENT_INTEGER_DIGITS);
    if (discount instanceof RowError e) {
      return error(line, e);
    }
    Object finalPrice = money(f.get(5), 5, MONEY_INTEGER_DIGITS);
    if (finalPrice instanceof RowError e) {
      return error(line, e);
    }
    Optional<PaymentMethod> method = EcommerceCsv.parsePaymentMethod(f.get(6));
    if (method.isEmpty()) {
      return error(
          line,
          RowError.Kind.UNKNOWN_PAYMENT_METHOD,
          EcommerceCsv.HEADER.get(6)
              + " '"
              + abbreviate(f.get(6))
              + "' is not one of Credit Card, Debit Card, UPI, Net Banking, Cash on Delivery");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(f.get(7), EcommerceCsv.DATE);
    } catch (DateTimeParseException e) {
      return error(
          line,
          RowError.Kind.BAD_DATE,
          EcommerceCsv.HEADER.get(7) + " '" + abbreviate(f.get(7)) + "' is not a DD-MM-YYYY date");
    }
    OrderRow row =
        new OrderRow(
            f.get(0),
            f.get(1),
            f.get(2),
            (BigDecimal) price,
            (BigDecimal) discount,
            (BigDecimal) finalPrice,
            method.get(),
            date);
    return new CsvRow(lineNumber, ordinal, line, row, null);
  }

  /** A decimal with at most 2 decimals that fits the Avro decimal, at scale 2; or the error. */
  private static Object money(String text, int column, int maxIntegerDigits) {
    String name = EcommerceCsv.HEADER.get(column);
    if (!NUMBER.matcher(text).matches()) {
      return new RowError(
          RowError.Kind.BAD_NUMBER, name + " '" + abbreviate(text) + "' is not a decimal number");
    }
    BigDecimal value = new BigDecimal(text);
    if (value.scale() > 2) {
      return new RowError(
          RowError.Kind.BAD_NUMBER, name + " '" + text + "' has more than 2 decimal places");
    }
    value = value.setScale(2);
    if (value.precision() - value.scale() > maxIntegerDigits) {
      return new RowError(
          RowError.Kind.BAD_NUMBER, name + " '" + abbreviate(text) + "' is too large");
    }
    return value;
  }

  private CsvRow error(String line, RowError.Kind kind, String message) {
    return error(line, new RowError(kind, message));
  }

  private CsvRow error(String line, RowError error) {
    return new CsvRow(lineNumber, ordinal, line, null, error);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** Blank lines seen so far (not counted as rows). */
  public long blankLines() {
    return blankLines;
  }

  /** Line number of the last line read (the header is line 1). */
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
