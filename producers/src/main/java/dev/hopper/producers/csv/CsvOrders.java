package dev.hopper.producers.csv;

import dev.hopper.avro.Customer;
import dev.hopper.avro.Order;
import dev.hopper.avro.Product;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Turns parsed CSV rows into Hopper's records. Order ids and times of day are derived from a hash
 * of the row's ordinal and content, so replaying the same file gives the same ids and times (a
 * replay is idempotent downstream) while different files do not collide. Dates are UTC days; the
 * time of day is spread uniformly across the day.
 */
public final class CsvOrders {

  /** Prefix of order ids made from CSV rows. */
  public static final String ID_PREFIX = "csv-";

  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private CsvOrders() {}

  /** The deterministic identity of one row: its order id and event time before any shift. */
  public record Identity(String orderId, Instant eventTime) {}

  /** Id and event time of a parsed row. */
  public static Identity identity(CsvRow row) {
    if (!row.isValid()) {
      throw new IllegalArgumentException("line " + row.lineNumber() + " did not parse");
    }
    OrderRow o = row.order();
    byte[] digest =
        sha256(
            String.join(
                "\u001f",
                Long.toString(row.ordinal()),
                o.customerId(),
                o.productId(),
                o.category(),
                o.unitPrice().toPlainString(),
                o.discountPct().toPlainString(),
                o.finalPrice().toPlainString(),
                o.paymentMethod().name(),
                o.purchaseDate().toString()));
    String id = ID_PREFIX + HexFormat.of().formatHex(digest, 0, 10);
    long timeOfDay = Math.floorMod(ByteBuffer.wrap(digest, 10, 8).getLong(), DAY_MS);
    Instant day = o.purchaseDate().atStartOfDay().toInstant(ZoneOffset.UTC);
    return new Identity(id, day.plusMillis(timeOfDay));
  }

  /**
   * The order of a parsed row (quantity 1, currency INR), its event time moved by {@code shift}.
   */
  public static Order toOrder(CsvRow row, Duration shift) {
    Identity identity = identity(row);
    OrderRow o = row.order();
    return Order.newBuilder()
        .setOrderId(identity.orderId())
        .setCustomerId(o.customerId())
        .setProductId(o.productId())
        .setCategory(o.category())
        .setQuantity(1)
        .setUnitPrice(o.unitPrice())
        .setDiscountPct(o.discountPct())
        .setFinalPrice(o.finalPrice())
        .setCurrency(EcommerceCsv.CURRENCY)
        .setPaymentMethod(o.paymentMethod())
        .setOrderTime(identity.eventTime().plus(shift))
        .build();
  }

  /** The product a row names; the dataset has only id and category, the rest stays null. */
  public static Product toProduct(OrderRow o) {
    return Product.newBuilder().setProductId(o.productId()).setCategory(o.category()).build();
  }

  /** The customer a row names; the dataset has only the id, the rest stays null. */
  public static Customer toCustomer(OrderRow o) {
    return Customer.newBuilder().setCustomerId(o.customerId()).build();
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
