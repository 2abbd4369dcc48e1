package dev.hopper.platform;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One embedded platform per test JVM, started on first use and stopped when the test session ends
 * (this class is also the JUnit session listener that stops it). Tests that share it use their own
 * topics, groups and application ids; tests that stop or restart services build their own platform.
 */
public final class SharedPlatform implements LauncherSessionListener {
  private static EmbeddedPlatform platform;

  /** The shared platform, started if needed. */
  public static synchronized EmbeddedPlatform get() {
    if (platform == null) {
      platform = EmbeddedPlatform.builder().start();
    }
    return platform;
  }

  private static synchronized void stop() {
    if (platform != null) {
      platform.close();
      platform = null;
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    stop();
  }
}
