package dev.hopper.streams.topology.validation;

import dev.hopper.avro.Payment;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.avro.PaymentStatus;

/** SPEC's payment rules. */
public final class PaymentValidator implements Validator<Payment> {
  private final TimePolicy time;

  /** Validates payments with the given time policy. */
  public PaymentValidator(TimePolicy time) {
    this.time = time;
  }

  @Override
  public Source source() {
    return Source.PAYMENTS;
  }

  @Override
  public Class<Payment> type() {
    return Payment.class;
  }

  @Override
  public long eventTime(Payment value) {
    return value.getPaidAt().toEpochMilli();
  }

  @Override
  public void validate(String key, Payment p, long ingestionTime, Failures out) {
    StringBuilder missing = new StringBuilder();
    Checks.requireText(missing, "key", key);
    Checks.requireText(missing, "paymentId", p.getPaymentId());
    Checks.requireText(missing, "orderId", p.getOrderId());
    Checks.requireNonNull(missing, "amount", p.getAmount());
    Checks.requireNonNull(missing, "paidAt", p.getPaidAt());
    if (missing.length() > 0) {
      out.add(Rule.REQUIRED_FIELDS, "missing " + missing);
      return;
    }
    if (!key.equals(p.getOrderId())) {
      out.add(Rule.KEY_MISMATCH, "key " + key + " is not the orderId " + p.getOrderId());
    }
    if (p.getAmount().signum() <= 0) {
      out.add(Rule.AMOUNT_POSITIVE, "amount " + p.getAmount() + " is not > 0");
    }
    if (p.getMethod() == PaymentMethod.UNKNOWN || p.getStatus() == PaymentStatus.UNKNOWN) {
      out.add(
          Rule.KNOWN_ENUMS, "method " + p.getMethod() + " / status " + p.getStatus() + " unknown");
    }
    time.check("paidAt", eventTime(p), ingestionTime, out);
  }
}
