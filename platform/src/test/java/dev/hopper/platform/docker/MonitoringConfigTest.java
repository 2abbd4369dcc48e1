package dev.hopper.platform.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the monitoring files: Hopper's Prometheus scrapes every hopper-streams replica,
 * Grafana's provisioning points at it, the dashboard parses and every panel has a data source and
 * queries, the queries use the metrics contract in docker/README.md, and Control Center's
 * Prometheus and Alertmanager seeds fit the services of the compose file.
 */
class MonitoringConfigTest {

  /** The metric names the dashboard needs, one per concern of the issue. */
  private static final List<String> REQUIRED_METRICS =
      List.of(
          "hopper_records_in_total",
          "hopper_records_out_total",
          "kafka_consumer_fetch_manager_records_lag_max",
          "hopper_end_to_end_latency_seconds_bucket",
          "hopper_late_records_dropped_total",
          "kafka_stream_task_dropped_records_total",
          "hopper_validation_rejected_total",
          "hopper_state_store_bytes",
          "http_server_requests_seconds_bucket");

  private static final Pattern METRIC =
      Pattern.compile("\\b((?:hopper|kafka|http|jvm)_[a-z0-9_]+)");

  private final DockerStack stack = DockerStack.load();

  @Test
  void shouldScrapeEveryHopperStreamsReplica() {
    JsonNode prometheus =
        DockerStack.parseYaml(stack.dockerDir().resolve("prometheus/prometheus.yml"));
    JsonNode job = null;
    for (JsonNode j : prometheus.path("scrape_configs")) {
      if (j.path("job_name").asText().equals("hopper-streams")) {
        job = j;
      }
    }
    assertThat(job).as("a hopper-streams scrape job").isNotNull();
    assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
    JsonNode sd = job.path("dns_sd_configs").get(0);
    assertThat(sd.path("names").get(0).asText())
        .as("DNS discovery by service name finds every replica")
        .isEqualTo("hopper-streams");
    assertThat(sd.path("type").asText()).isEqualTo("A");
    assertThat(sd.path("port").asText())
        .isEqualTo(
            stack.service("hopper-streams").path("environment").path("HOPPER_REST_PORT").asText());
    assertThat(stack.service("prometheus").path("volumes").toString())
        .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
  }

  @Test
  void shouldProvisionGrafanaWithThatPrometheusAndTheHopperDashboard() {
    JsonNode ds =
        DockerStack.parseYaml(
                stack.dockerDir().resolve("grafana/provisioning/datasources/prometheus.yaml"))
            .path("datasources")
            .get(0);
    assertThat(ds.path("type").asText()).isEqualTo("prometheus");
    assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(stack.services()).containsKey("prometheus");

    JsonNode provider =
        DockerStack.parseYaml(
                stack.dockerDir().resolve("grafana/provisioning/dashboards/hopper.yaml"))
            .path("providers")
            .get(0);
    String path = provider.path("options").path("path").asText();
    assertThat(stack.service("grafana").path("volumes").toString())
        .contains("./grafana/dashboards:" + path + ":ro");
  }

  @Test
  void shouldGiveEveryDashboardPanelADataSourceAndQueries() {
    String uid =
        DockerStack.parseYaml(
                stack.dockerDir().resolve("grafana/provisioning/datasources/prometheus.yaml"))
            .path("datasources")
            .get(0)
            .path("uid")
            .asText();
    JsonNode dashboard = dashboard();
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("title").asText()).isEqualTo("Hopper");
    List<JsonNode> panels = panels(dashboard);
    assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
      assertThat(panel.path("datasource").path("uid").asText())
          .as("data source of %s", title)
          .isEqualTo(uid);
      JsonNode targets = panel.path("targets");
      assertThat(targets.size()).as("queries of %s", title).isPositive();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : targets) {
        String expr = target.path("expr").asText();
        assertThat(expr).as("query of %s", title).isNotBlank();
        assertThat(balanced(expr)).as("brackets of '%s'", expr).isTrue();
        assertThat(refIds.add(target.path("refId").asText())).as("refIds of %s", title).isTrue();
      }
      JsonNode pos = panel.path("gridPos");
      assertThat(pos.path("x").asInt() + pos.path("w").asInt())
          .as("width of %s", title)
          .isLessThanOrEqualTo(24);
      assertThat(pos.path("h").asInt()).as("height of %s", title).isPositive();
    }
  }

  @Test
  void shouldChartWhatTheIssueAsksForWithTheMetricsOfTheContract() {
    Set<String> used = new HashSet<>();
    for (JsonNode panel : panels(dashboard())) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = METRIC.matcher(target.path("expr").asText());
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertThat(used).containsAll(REQUIRED_METRICS);
    String readme = DockerStack.read(stack.dockerDir().resolve("README.md"));
    for (String metric : used) {
      String family = metric.replaceAll("_(bucket|count|sum)$", "");
      assertThat(readme)
          .as("metric %s is in the contract of docker/README.md", metric)
          .contains(family);
    }
  }

  @Test
  void shouldSeedControlCenterWithConfigThatFitsTheStack() {
    Path seeds = stack.dockerDir().resolve("control-center");
    JsonNode prometheus = DockerStack.parseYaml(seeds.resolve("prometheus-generated.yml"));
    String alertmanager =
        prometheus
            .path("alerting")
            .path("alertmanagers")
            .get(0)
            .path("static_configs")
            .get(0)
            .path("targets")
            .get(0)
            .asText();
    assertThat(alertmanager).isEqualTo("c3-alertmanager:9093");
    assertThat(stack.services()).containsKey(alertmanager.split(":")[0]);
    for (JsonNode rules : prometheus.path("rule_files")) {
      assertThat(seeds.resolve(rules.asText()))
          .as("rule file %s is seeded", rules.asText())
          .isRegularFile();
      assertThat(DockerStack.parseYaml(seeds.resolve(rules.asText())).path("groups").isArray())
          .isTrue();
    }
    assertThat(prometheus.path("otlp").path("promote_resource_attributes").toString())
        .contains("kafka.cluster.id", "kafka.broker.id");
    JsonNode am = DockerStack.parseYaml(seeds.resolve("alertmanager-generated.yml"));
    String receiver = am.path("route").path("receiver").asText();
    assertThat(am.path("receivers").findValuesAsText("name")).contains(receiver);

    // The broker pushes its telemetry to that Prometheus, which Control Center reads.
    JsonNode broker = stack.service("broker").path("environment");
    assertThat(
            broker.path("KAFKA_CONFLUENT_TELEMETRY_EXPORTER_C3PLUSPLUS_CLIENT_BASE_URL").asText())
        .isEqualTo("http://c3-prometheus:9090/api/v1/otlp");
    JsonNode c3 = stack.service("control-center").path("environment");
    assertThat(c3.path("CONTROL_CENTER_PROMETHEUS_URL").asText())
        .isEqualTo("http://c3-prometheus:9090");
    assertThat(c3.path("CONTROL_CENTER_ALERTMANAGER_URL").asText())
        .isEqualTo("http://c3-alertmanager:9093");
    assertThat(c3.path("CONTROL_CENTER_PROMETHEUS_RULES_FILE").asText())
        .isEqualTo("/mnt/config/trigger_rules-generated.yml");
    for (String service :
        List.of("control-center", "c3-prometheus", "c3-alertmanager", "c3-config-init")) {
      assertThat(stack.service(service).path("volumes").toString())
          .as("%s shares the c3-config volume", service)
          .contains("c3-config:/mnt/config");
    }
  }

  private JsonNode dashboard() {
    return DockerStack.parseJson(stack.dockerDir().resolve("grafana/dashboards/hopper.json"));
  }

  /** Every panel that shows data, rows' nested panels included. */
  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      if (p.path("type").asText().equals("row")) {
        p.path("panels").forEach(out::add);
      } else {
        out.add(p);
      }
    }
    return out;
  }

  private static boolean balanced(String expr) {
    int round = 0;
    int curly = 0;
    int square = 0;
    boolean quoted = false;
    for (char c : expr.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (quoted) {
        continue;
      }
      switch (c) {
        case '(' -> round++;
        case ')' -> round--;
        case '{' -> curly++;
        case '}' -> curly--;
        case '[' -> square++;
        case ']' -> square--;
        default -> {}
      }
      if (round < 0 || curly < 0 || square < 0) {
        return false;
      }
    }
    return round == 0 && curly == 0 && square == 0 && !quoted;
  }
}
