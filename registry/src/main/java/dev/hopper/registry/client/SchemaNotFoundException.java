package dev.hopper.registry.client;

/**
 * The registry does not know what was asked: a subject (40401), a version (40402) or a schema or
 * schema id (40403). For a deserializer this means data written against another registry.
 */
public class SchemaNotFoundException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  public SchemaNotFoundException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
