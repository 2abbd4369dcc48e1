package dev.hopper.platform.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read well enough for static checks: instructions (continuation lines joined,
 * comments dropped), the global {@code ARG} defaults before the first {@code FROM}, and the build
 * stages with what each one declares.
 */
final class Dockerfile {

  /** One instruction: keyword in upper case and its arguments; the line it starts on. */
  record Instruction(String keyword, String arguments, int line) {}

  /** A build stage: its base (resolved with the global ARG defaults), name, and instructions. */
  record Stage(String base, String name, List<Instruction> instructions) {
    /** The arguments of this stage's instructions with the given keyword. */
    List<String> all(String keyword) {
      return instructions.stream()
          .filter(i -> i.keyword().equals(keyword))
          .map(Instruction::arguments)
          .toList();
    }

    Optional<String> last(String keyword) {
      List<String> found = all(keyword);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }
  }

  private static final Pattern FROM =
      Pattern.compile(
          "^(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ARG_REF = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

  private final Map<String, String> globalArgs = new LinkedHashMap<>();
  private final List<Stage> stages = new ArrayList<>();
  private final List<Instruction> instructions;

  private Dockerfile(List<Instruction> instructions) {
    this.instructions = instructions;
    List<Instruction> current = null;
    for (Instruction i : instructions) {
      if (i.keyword().equals("FROM")) {
        Matcher m = FROM.matcher(i.arguments());
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "Line " + i.line() + ": cannot read FROM " + i.arguments());
        }
        current = new ArrayList<>();
        stages.add(new Stage(resolve(m.group(1)), m.group(2), current));
      } else if (current == null) {
        if (i.keyword().equals("ARG")) {
          String[] kv = i.arguments().split("=", 2);
          globalArgs.put(kv[0].strip(), kv.length == 2 ? kv[1].strip() : null);
        }
      } else {
        current.add(i);
      }
    }
  }

  /** Parses Dockerfile text. */
  static Dockerfile parse(String text) {
    List<Instruction> out = new ArrayList<>();
    StringBuilder pending = null;
    int start = 0;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].stripTrailing();
      String trimmed = line.strip();
      if (pending == null && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (pending != null && trimmed.startsWith("#")) {
        continue; // comment lines inside a continued instruction are ignored by Docker too
      }
      if (pending == null) {
        pending = new StringBuilder();
        start = n + 1;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String instruction = pending.toString().strip();
      int space = instruction.indexOf(' ');
      String keyword =
          (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
      String args =
          space < 0 ? "" : instruction.substring(space + 1).strip().replaceAll("\\s+", " ");
      out.add(new Instruction(keyword, args, start));
      pending = null;
    }
    return new Dockerfile(out);
  }

  Map<String, String> globalArgs() {
    return globalArgs;
  }

  List<Stage> stages() {
    return stages;
  }

  List<Instruction> instructions() {
    return instructions;
  }

  Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> name.equals(s.name())).findFirst();
  }

  /** True when {@code base} names an earlier stage rather than an image. */
  boolean isStage(String base) {
    return stages.stream().anyMatch(s -> base.equals(s.name()));
  }

  /** The stage chain of a target, from the target back to the stage built on an image. */
  List<Stage> chain(String target) {
    List<Stage> out = new ArrayList<>();
    Optional<Stage> s = stage(target);
    while (s.isPresent()) {
      out.add(s.get());
      String base = s.get().base();
      s = isStage(base) ? stage(base) : Optional.empty();
    }
    return out;
  }

  /** The effective value of an instruction for a target: its own, else the nearest ancestor's. */
  Optional<String> effective(String target, String keyword) {
    for (Stage s : chain(target)) {
      Optional<String> v = s.last(keyword);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  private String resolve(String value) {
    Matcher m = ARG_REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = globalArgs.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException(
            "FROM " + value + " uses ARG " + m.group(1) + " without a default");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
