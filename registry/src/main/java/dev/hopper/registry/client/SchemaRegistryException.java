package dev.hopper.registry.client;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A failed Schema Registry call, with the registry's HTTP status and Confluent error code when it
 * answered ({@code -1} when it did not). A {@link SerializationException}, so Kafka clients and
 * Kafka Streams treat it as a failure to (de)serialize; the subclasses say which failure it was.
 */
public class SchemaRegistryException extends SerializationException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    this(message, httpStatus, errorCode, null);
  }

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status of the registry's answer, or {@code -1} when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's {@code error_code}, e.g. 40403 for an unknown schema id; {@code -1} if none. */
  public int errorCode() {
    return errorCode;
  }

  /** Maps a registry error answer to the most specific exception type. */
  public static SchemaRegistryException fromResponse(
      int httpStatus, int errorCode, String message) {
    String text = message + " (HTTP " + httpStatus + ", error code " + errorCode + ")";
    if (httpStatus == 404) {
      return new SchemaNotFoundException(text, httpStatus, errorCode);
    }
    if (httpStatus == 409) {
      return new IncompatibleSchemaException(text, httpStatus, errorCode);
    }
    if (errorCode == 42201 || (httpStatus == 422 && errorCode == 422)) {
      return new InvalidSchemaException(text, httpStatus, errorCode);
    }
    if (httpStatus >= 500 || httpStatus == 408 || httpStatus == 429) {
      return new RegistryUnavailableException(text, httpStatus, errorCode, null);
    }
    return new SchemaRegistryException(text, httpStatus, errorCode);
  }
}
