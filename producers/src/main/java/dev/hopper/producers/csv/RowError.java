package dev.hopper.producers.csv;

import java.util.Locale;

/**
 * Why one CSV row cannot become an order: the kind (stable, used as the rule name on {@code
 * hopper.rejected}) and a message naming the column and the offending value.
 */
public record RowError(Kind kind, String message) {

  /** The kinds of unparsable rows. */
  public enum Kind {
    /** Not exactly 8 columns. */
    WRONG_COLUMN_COUNT,
    /** A quote inside an unquoted field, text after a closing quote, or an unclosed quote. */
    MALFORMED_QUOTE,
    /** A required column is empty. */
    EMPTY_FIELD,
    /** A price, discount or final price that is not a decimal number with at most 2 decimals. */
    BAD_NUMBER,
    /** A purchase date that is not a real {@code DD-MM-YYYY} date. */
    BAD_DATE,
    /** A payment method the dataset does not know. */
    UNKNOWN_PAYMENT_METHOD;

    /** The rule name written to {@code hopper.rejected}, e.g. {@code CSV_BAD_NUMBER}. */
    public String ruleName() {
      return "CSV_" + name().toUpperCase(Locale.ROOT);
    }
  }
}
