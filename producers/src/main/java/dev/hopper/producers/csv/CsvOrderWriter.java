package dev.hopper.producers.csv;

import dev.hopper.avro.Order;
import dev.hopper.producers.generate.BadKind;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.RecordLabel;
import dev.hopper.topics.HopperTopic;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;

/**
 * Writes generated orders as a CSV in the dataset's format ({@code --csv-out}). The dataset has one
 * unit per row and no time of day, so {@code Price} is quantity x unit price and only the date is
 * kept. Invalid orders stay invalid: a business-rule violation is written as it is (the streams
 * gate rejects it after a replay), a missing field becomes an empty column, an unknown payment
 * method an unknown label, and a poison pill a row the CSV parser rejects. Trailing records are not
 * written; payments and quotes have no place in this format.
 */
public final class CsvOrderWriter {

  private static final String[] BROKEN_ROWS = {
    "this row has,too few columns",
    "a1b2c3d4,ffff0000-1,Books,12.5O,5,11.88,UPI,01-12-2024",
    "a1b2c3d4,ffff0000-1,Books,100.00,5,95.00,UPI,31-02-2024",
    "a1b2c3d4,ffff0000-1,\"Books,100.00,5,95.00,UPI,01-12-2024",
  };

  private final Writer out;
  private long rows;
  private int broken;

  /** Writes to {@code out}, starting with the header. */
  public CsvOrderWriter(Writer out) throws IOException {
    this.out = out;
    out.write(EcommerceCsv.headerLine());
    out.write('\n');
  }

  /** Writes every order of {@code records}; returns the number of rows written. */
  public long writeAll(Iterator<GeneratedRecord> records) throws IOException {
    while (records.hasNext()) {
      write(records.next());
    }
    out.flush();
    return rows;
  }

  /** Writes one record if it is an order (not a trailer). */
  public void write(GeneratedRecord r) throws IOException {
    if (r.topic() != HopperTopic.SHOP_ORDERS || r.label() == RecordLabel.TRAILER) {
      return;
    }
    if (r.isPoisonPill()) {
      out.write(BROKEN_ROWS[broken++ % BROKEN_ROWS.length]);
      out.write('\n');
      rows++;
      return;
    }
    Order o = r.order();
    BigDecimal price = o.getUnitPrice().multiply(BigDecimal.valueOf(o.getQuantity()));
    LocalDate date = LocalDate.ofInstant(o.getOrderTime(), ZoneOffset.UTC);
    String method =
        EcommerceCsv.label(o.getPaymentMethod())
            .orElse(r.badKind() == BadKind.ORDER_UNKNOWN_PAYMENT_METHOD ? "Gift Voucher" : "UPI");
    out.write(
        EcommerceCsv.line(
            List.of(
                o.getCustomerId().strip(),
                o.getProductId().strip(),
                o.getCategory().strip(),
                price.toPlainString(),
                o.getDiscountPct().stripTrailingZeros().toPlainString(),
                o.getFinalPrice().toPlainString(),
                method,
                date.getYear() < 0 || date.getYear() > 9999
                    ? date.toString()
                    : date.format(EcommerceCsv.DATE))));
    out.write('\n');
    rows++;
  }

  /** Rows written so far. */
  public long rows() {
    return rows;
  }
}
