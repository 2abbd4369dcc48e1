package dev.hopper.platform.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the benchmark sees into the processes it runs without instrumenting them: the streams app's
 * {@code /health/ready} endpoint, and lines the jobs and the app write to their logs.
 */
final class Probes {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Probes() {}

  /** Whether the app on {@code port} answers {@code /health/ready} with 200 (RUNNING). */
  static BooleanSupplier ready(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    return () -> {
      try {
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }

  /** Whether {@code log} has a line containing {@code text} yet (read incrementally). */
  static BooleanSupplier logContains(Path log, String text) {
    LogScan scan = new LogScan(log, Pattern.compile(Pattern.quote(text)));
    return () -> scan.find().isPresent();
  }

  /** Finds the first line of a growing log matching a pattern, reading only what is new. */
  static final class LogScan {
    private final Path log;
    private final Pattern pattern;
    private long position;
    private String partial = "";
    private Matcher found;

    LogScan(Path log, Pattern pattern) {
      this.log = log;
      this.pattern = pattern;
    }

    /** The match, once a line matches. */
    Optional<Matcher> find() {
      if (found != null) {
        return Optional.of(found);
      }
      try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
        long length = f.length();
        if (length <= position) {
          return Optional.empty();
        }
        byte[] bytes = new byte[(int) Math.min(length - position, 8 << 20)];
        f.seek(position);
        f.readFully(bytes);
        position += bytes.length;
        String text = partial + new String(bytes, StandardCharsets.UTF_8);
        int cut = text.lastIndexOf('\n');
        partial = cut < 0 ? text : text.substring(cut + 1);
        String complete = cut < 0 ? "" : text.substring(0, cut);
        for (String line : complete.split("\n")) {
          Matcher m = pattern.matcher(line);
          if (m.find()) {
            found = m;
            return Optional.of(m);
          }
        }
      } catch (IOException e) {
        return Optional.empty();
      }
      return Optional.empty();
    }
  }
}
