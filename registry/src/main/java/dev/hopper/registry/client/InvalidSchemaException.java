package dev.hopper.registry.client;

/** The registry refused a schema that is not valid Avro (HTTP 422, error code 42201). */
public class InvalidSchemaException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  public InvalidSchemaException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
