package dev.hopper.config;

/**
 * A configuration value that is missing or invalid; the message names the key and what it accepts.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /** A problem with {@code key} (set to {@code value}, or unset when null). */
  public ConfigException(String key, String value, String problem) {
    super(
        value == null
            ? "Configuration " + key + " " + problem
            : "Configuration "
                + key
                + "="
                + (LayeredConfig.isSecret(key) ? "[hidden]" : value)
                + " "
                + problem);
    this.key = key;
  }

  /** The key that is wrong. */
  public String key() {
    return key;
  }
}
