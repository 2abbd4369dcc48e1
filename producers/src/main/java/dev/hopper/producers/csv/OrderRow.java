package dev.hopper.producers.csv;

import dev.hopper.avro.PaymentMethod;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One well-formed row of the dataset, typed: amounts with scale 2, the payment method mapped to
 * Hopper's enum. Business rules (is the final price consistent?) are not checked here: that is the
 * streams validation gate's job.
 */
public record OrderRow(
    String customerId,
    String productId,
    String category,
    BigDecimal unitPrice,
    BigDecimal discountPct,
    BigDecimal finalPrice,
    PaymentMethod paymentMethod,
    LocalDate purchaseDate) {}
