package dev.hopper.producers.kafka;

/**
 * A record could not be delivered or serialized. Producers stop at the first such failure rather
 * than losing records silently (Kafka 4 rejects, for example, records timestamped more than an hour
 * in the future).
 */
public final class SendFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public SendFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
