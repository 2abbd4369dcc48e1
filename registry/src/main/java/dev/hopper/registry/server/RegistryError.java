package dev.hopper.registry.server;

/**
 * A failed registry operation with the HTTP status and Confluent error code it answers with, e.g.
 * 404/40401 for an unknown subject. The factory methods use Confluent's documented codes.
 */
public final class RegistryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  public RegistryError(int httpStatus, int errorCode, String message) {
    this(httpStatus, errorCode, message, null);
  }

  public RegistryError(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status code of the response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The {@code error_code} of the response body. */
  public int errorCode() {
    return errorCode;
  }

  public static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  public static RegistryError versionNotFound(int version) {
    return new RegistryError(404, 40402, "Version " + version + " not found.");
  }

  public static RegistryError schemaNotFound() {
    return new RegistryError(404, 40403, "Schema not found");
  }

  public static RegistryError schemaNotFound(int id) {
    return new RegistryError(404, 40403, "Schema " + id + " not found");
  }

  public static RegistryError subjectSoftDeleted(String subject) {
    return new RegistryError(
        404,
        40404,
        "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
  }

  public static RegistryError subjectNotSoftDeleted(String subject) {
    return new RegistryError(
        404,
        40405,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  public static RegistryError versionSoftDeleted(String subject, int version) {
    return new RegistryError(
        404,
        40406,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was soft deleted. Set permanent=true to delete permanently");
  }

  public static RegistryError versionNotSoftDeleted(String subject, int version) {
    return new RegistryError(
        404,
        40407,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was not deleted first before being permanently deleted");
  }

  public static RegistryError subjectConfigNotFound(String subject) {
    return new RegistryError(
        404,
        40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  public static RegistryError incompatible(String subject, String details) {
    return new RegistryError(
        409,
        409,
        "Schema being registered is incompatible with an earlier schema for subject \""
            + subject
            + "\", details: "
            + details);
  }

  public static RegistryError invalidSchema(String details) {
    return new RegistryError(422, 42201, "Invalid schema: " + details);
  }

  public static RegistryError emptySchema() {
    return new RegistryError(422, 422, "schema may not be empty");
  }

  public static RegistryError invalidVersion(String version) {
    return new RegistryError(
        422,
        42202,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  public static RegistryError invalidCompatibilityLevel() {
    return new RegistryError(
        422,
        42203,
        "Invalid compatibility level. Valid values are none, backward, forward, full,"
            + " backward_transitive, forward_transitive, and full_transitive");
  }

  public static RegistryError storeError(String message, Throwable cause) {
    return new RegistryError(500, 50001, message, cause);
  }

  public static RegistryError timeout(String message) {
    return new RegistryError(500, 50002, message);
  }
}
