package dev.hopper.streams.rest;

/**
 * An error answer of the API: HTTP status, a short machine-readable code and a message for people,
 * written as {@code {"error": code, "message": message}}. Never carries a stack trace.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  /** An error with {@code status}, {@code error} code and {@code message}. */
  public ApiException(int status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  /** 400: a parameter is missing, malformed or out of range. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  /** 400: a range exceeds a configured cap. */
  public static ApiException rangeTooLarge(String message) {
    return new ApiException(400, "range_too_large", message);
  }

  /** 404: the key is not in the store. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  /** 503: the data cannot be read now (rebalancing, restoring, starting, owner unreachable). */
  public static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The short error code. */
  public String error() {
    return error;
  }
}
