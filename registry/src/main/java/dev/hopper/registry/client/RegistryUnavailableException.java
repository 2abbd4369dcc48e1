package dev.hopper.registry.client;

/**
 * No registry URL answered successfully after every retry: connection failures, timeouts, or 5xx
 * answers. Transient by nature; unlike the other registry errors it says nothing about the data.
 */
public class RegistryUnavailableException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  public RegistryUnavailableException(
      String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }
}
