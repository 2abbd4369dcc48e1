package dev.hopper.platform.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files under {@code docker/} as the static checks read them: the compose file (parsed as YAML,
 * uninterpolated), {@code docker/.env}, and compose-style variable interpolation ({@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code $$} for a literal dollar).
 */
final class DockerStack {

  /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME-default}}; group 3 the default. */
  static final Pattern VARIABLE =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final String composeText;
  private final JsonNode compose;
  private final Map<String, String> env;

  private DockerStack(Path root) {
    this.root = root;
    this.composeText = read(root.resolve("docker/compose.yaml"));
    this.compose = parseYaml(root.resolve("docker/compose.yaml"));
    this.env = parseEnvFile(root.resolve("docker/.env"));
  }

  /** The stack of the repository this test runs in (found from the working directory up). */
  static DockerStack load() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("docker/compose.yaml"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return new DockerStack(dir);
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("No docker/compose.yaml above " + Path.of("").toAbsolutePath());
  }

  Path root() {
    return root;
  }

  Path dockerDir() {
    return root.resolve("docker");
  }

  String composeText() {
    return composeText;
  }

  JsonNode compose() {
    return compose;
  }

  Map<String, String> env() {
    return env;
  }

  /** Service name to its definition, in file order. */
  Map<String, JsonNode> services() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = compose.path("services").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  JsonNode service(String name) {
    JsonNode node = compose.path("services").get(name);
    if (node == null) {
      throw new IllegalArgumentException("No service " + name + " in compose.yaml");
    }
    return node;
  }

  /** One-shot jobs: services that never restart and are meant to exit. */
  boolean isOneShot(String name) {
    return "no".equals(service(name).path("restart").asText());
  }

  /** Interpolates a value as compose does, with {@code docker/.env} as the environment. */
  String interpolate(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String operator = m.group(2);
      String fallback = m.group(3);
      String fromEnv = env.get(name);
      String resolved;
      if (":-".equals(operator)) {
        resolved = fromEnv == null || fromEnv.isEmpty() ? fallback : fromEnv;
      } else if ("-".equals(operator)) {
        resolved = fromEnv == null ? fallback : fromEnv;
      } else if (fromEnv != null) {
        resolved = fromEnv;
      } else {
        throw new IllegalStateException("${" + name + "} has no default and is not in docker/.env");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    m.appendTail(out);
    return out.toString().replace("$$", "$");
  }

  /** Every {@code ${...}} reference in the compose values, with its default when it has one. */
  List<VariableUse> variableUses() {
    List<VariableUse> uses = new ArrayList<>();
    // Compose interpolates values, not comments.
    String withoutComments =
        composeText
            .lines()
            .filter(line -> !line.strip().startsWith("#"))
            .collect(java.util.stream.Collectors.joining("\n"));
    Matcher m = VARIABLE.matcher(withoutComments);
    while (m.find()) {
      uses.add(new VariableUse(m.group(1), Optional.ofNullable(m.group(2)).map(op -> m.group(3))));
    }
    return uses;
  }

  /** A {@code ${NAME}} reference and its inline default, if any. */
  record VariableUse(String name, Optional<String> fallback) {}

  static JsonNode parseYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse " + file, e);
    }
  }

  static JsonNode parseJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse " + file, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** {@code KEY=value} lines; blank lines and {@code #} comments ignored, as compose reads them. */
  static Map<String, String> parseEnvFile(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : read(file).split("\n", -1)) {
      lineNo++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new IllegalStateException(file + ":" + lineNo + " is not KEY=value: " + line);
      }
      out.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
    }
    return out;
  }

  /** Parses a memory size as compose writes it ({@code 512m}, {@code 1g}, {@code 1280M}). */
  static long bytes(String size) {
    Matcher m = Pattern.compile("(?i)^(\\d+)([kmg]?)b?$").matcher(size.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a memory size: " + size);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      default -> n;
    };
  }
}
