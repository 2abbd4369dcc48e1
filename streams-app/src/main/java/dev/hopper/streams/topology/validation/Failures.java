package dev.hopper.streams.topology.validation;

import java.util.ArrayList;
import java.util.List;

/** The rules one record failed, with a readable reason for each. Not thread-safe. */
public final class Failures {
  private final List<Rule> rules = new ArrayList<>(2);
  private final StringBuilder message = new StringBuilder();

  /** Records a failed rule. */
  public void add(Rule rule, String reason) {
    if (!rules.contains(rule)) {
      rules.add(rule);
    }
    if (message.length() > 0) {
      message.append("; ");
    }
    message.append(reason);
  }

  /** Whether no rule failed. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The failed rules, in the order they were checked. */
  public List<Rule> rules() {
    return List.copyOf(rules);
  }

  /** All reasons joined. */
  public String message() {
    return message.toString();
  }
}
