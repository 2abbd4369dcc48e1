package dev.hopper.registry.client;

/**
 * The registry refused a schema (HTTP 409) because it breaks the subject's compatibility level,
 * e.g. a field added without a default under BACKWARD.
 */
public class IncompatibleSchemaException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  public IncompatibleSchemaException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
