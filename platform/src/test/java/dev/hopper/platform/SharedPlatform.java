package dev.hopper.platform;

/**
 * One embedded platform per test JVM, started on first use and stopped when the JVM exits. Tests
 * that share it use their own topics, groups and application ids; tests that stop or restart
 * services build their own platform instead.
 */
public final class SharedPlatform {
  private static EmbeddedPlatform platform;

  private SharedPlatform() {}

  /** The shared platform, started if needed. */
  public static synchronized EmbeddedPlatform get() {
    if (platform == null) {
      EmbeddedPlatform started = EmbeddedPlatform.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-platform-stop"));
      platform = started;
    }
    return platform;
  }
}
