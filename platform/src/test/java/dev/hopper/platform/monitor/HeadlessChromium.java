package dev.hopper.platform.monitor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through its chromedriver by Selenium, headless, with a fresh profile and
 * without any network access of its own (no updates, sync or background requests): the page must
 * work with what the app serves. {@link #find()} says whether both are installed.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final List<String> BROWSERS =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
  private static final List<String> DRIVERS =
      List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  /** Where the browser and its driver are. */
  record Install(Path browser, Path driver) {}

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** The installed browser and driver, when both are (override: CHROMIUM_BIN, CHROMEDRIVER_BIN). */
  static Optional<Install> find() {
    Optional<Path> browser = first(System.getenv("CHROMIUM_BIN"), BROWSERS);
    Optional<Path> driver = first(System.getenv("CHROMEDRIVER_BIN"), DRIVERS);
    return browser.isPresent() && driver.isPresent()
        ? Optional.of(new Install(browser.get(), driver.get()))
        : Optional.empty();
  }

  private static Optional<Path> first(String override, List<String> candidates) {
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** Starts the browser with a window of {@code width} x {@code height}. */
  static HeadlessChromium start(Install install, int width, int height) throws IOException {
    Path profile = Files.createTempDirectory("hopper-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(install.browser().toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox", // runs as root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(install.driver().toString()))
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    return new HeadlessChromium(new ChromeDriver(service, options), profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Saves a screenshot of the window as PNG. */
  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      dev.hopper.platform.EmbeddedPlatform.deleteRecursively(profile);
    }
  }
}
