package dev.hopper.platform.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * What the figures were measured on: cores, memory, CPU model, OS, JVM, the versions of Kafka and
 * Avro, Hopper's git commit when known, and the load of the machine (which makes figures on a
 * shared machine noisy).
 */
final class MachineInfo {
  private MachineInfo() {}

  /** The machine, as a JSON-ready map. */
  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", hostName());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memoryBytes", totalMemory());
    cpuModel().ifPresent(c -> m.put("cpu", c));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("arch", System.getProperty("os.arch"));
    m.put(
        "java",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")");
    return m;
  }

  /** Versions of what was measured. */
  static Map<String, Object> versions() {
    Map<String, Object> v = new LinkedHashMap<>();
    String hopper = MachineInfo.class.getPackage().getImplementationVersion();
    v.put("hopper", hopper == null ? "development build" : hopper);
    gitCommit().ifPresent(c -> v.put("gitCommit", c));
    v.put("kafka", AppInfoParser.getVersion());
    // Not the package's implementation version: in a shaded jar that is Hopper's manifest.
    String avro = mavenVersion("org.apache.avro", "avro");
    if (avro != null) {
      v.put("avro", avro);
    }
    return v;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long totalMemory() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return -1;
  }

  private static Optional<String> cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      return lines.stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The commit of the working directory's {@code .git}, read from its files (no git binary). */
  static Optional<String> gitCommit() {
    try {
      Path git = Path.of(".git");
      if (Files.isRegularFile(git)) {
        // A worktree: ".git" names the real git directory.
        String line = Files.readString(git).trim();
        if (!line.startsWith("gitdir:")) {
          return Optional.empty();
        }
        git = Path.of(line.substring(7).trim());
      }
      Path head = git.resolve("HEAD");
      if (!Files.isRegularFile(head)) {
        return Optional.empty();
      }
      String ref = Files.readString(head).trim();
      if (!ref.startsWith("ref:")) {
        return Optional.of(ref);
      }
      String name = ref.substring(4).trim();
      Path refFile = git.resolve(name);
      if (Files.isRegularFile(refFile)) {
        return Optional.of(Files.readString(refFile).trim());
      }
      Path common = git.resolve("commondir");
      Path base = Files.isRegularFile(common) ? git.resolve(Files.readString(common).trim()) : git;
      Path shared = base.resolve(name);
      if (Files.isRegularFile(shared)) {
        return Optional.of(Files.readString(shared).trim());
      }
      Path packed = base.resolve("packed-refs");
      if (Files.isRegularFile(packed)) {
        for (String l : Files.readAllLines(packed)) {
          if (l.endsWith(" " + name)) {
            return Optional.of(l.substring(0, l.indexOf(' ')));
          }
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The version in a dependency's {@code pom.properties}, or null when it is not on the path. */
  static String mavenVersion(String group, String artifact) {
    String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (java.io.InputStream in = MachineInfo.class.getResourceAsStream(path)) {
      if (in == null) {
        return null;
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
