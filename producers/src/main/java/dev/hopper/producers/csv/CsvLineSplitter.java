package dev.hopper.producers.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one physical CSV line into fields: RFC 4180 quoting ({@code "a, b"}, {@code ""} for a
 * quote inside a quoted field), unquoted fields trimmed. Strict: a quote inside an unquoted field,
 * text after a closing quote, or a quote left open at the end of the line is an error. Line breaks
 * inside quoted fields are not supported on purpose: the dataset has none, and an unclosed quote
 * then costs one row instead of swallowing the rest of the file.
 */
final class CsvLineSplitter {

  private CsvLineSplitter() {}

  /** The fields of {@code line}; throws {@link CsvSyntaxException} on malformed quoting. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>(EcommerceCsv.COLUMNS);
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      // Start of a field: skip leading blanks, then either a quoted or an unquoted field.
      int start = i;
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        int column = fields.size() + 1;
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              closed = true;
              i++;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        if (!closed) {
          throw new CsvSyntaxException(
              RowError.Kind.MALFORMED_QUOTE, "column " + column + ": quote opened but not closed");
        }
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
          i++;
        }
        if (i < n && line.charAt(i) != ',') {
          throw new CsvSyntaxException(
              RowError.Kind.MALFORMED_QUOTE,
              "column " + column + ": unexpected text after the closing quote");
        }
      } else {
        i = start;
        while (i < n && line.charAt(i) != ',') {
          char c = line.charAt(i);
          if (c == '"') {
            throw new CsvSyntaxException(
                RowError.Kind.MALFORMED_QUOTE,
                "column " + (fields.size() + 1) + ": quote inside an unquoted field");
          }
          field.append(c);
          i++;
        }
        String trimmed = field.toString().strip();
        field.setLength(0);
        field.append(trimmed);
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the comma
    }
  }
}
