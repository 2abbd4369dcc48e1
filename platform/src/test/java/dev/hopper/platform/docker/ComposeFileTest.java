package dev.hopper.platform.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hopper.connect.SinkConnectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Static checks of {@code docker/compose.yaml} (no Docker engine needed): services, pinned images,
 * healthchecks, dependencies, ports, volumes, variables, resource limits, the scalable streams
 * service, and that the sink connectors deployed are the files {@code connect/} ships.
 */
class ComposeFileTest {

  private static final Pattern IMAGE = Pattern.compile("^([a-z0-9./_-]+):([A-Za-z0-9._-]+)$");
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIAL).*");

  private final DockerStack stack = DockerStack.load();

  @Test
  void shouldDeclareTheStackOfTheIssue() {
    assertThat(stack.services().keySet())
        .containsExactlyInAnyOrder(
            "broker",
            "schema-registry",
            "connect",
            "c3-config-init",
            "c3-prometheus",
            "c3-alertmanager",
            "control-center",
            "mongodb",
            "hopper-connect-deploy",
            "hopper-streams",
            "hopper-quotes",
            "hopper-orders",
            "prometheus",
            "grafana");
    assertThat(stack.compose().path("name").asText()).isEqualTo("hopper");
  }

  @Test
  void shouldPinEveryImageToAVersionThatIsNotLatest() {
    stack
        .services()
        .forEach(
            (name, service) -> {
              String image = stack.interpolate(service.path("image").asText(""));
              Matcher m = IMAGE.matcher(image);
              assertThat(m.matches()).as("%s: image '%s' has a tag", name, image).isTrue();
              assertThat(m.group(2)).as("%s: image tag", name).isNotEqualToIgnoringCase("latest");
              if (!service.has("build")) {
                assertThat(m.group(2))
                    .as("%s: a pulled image is pinned to a version", name)
                    .matches("v?\\d+(\\.\\d+)+.*");
              }
            });
  }

  @Test
  void shouldRunConfluentPlatform8WithTheMatchingControlCenterGeneration() {
    assertThat(stack.env().get("CP_VERSION")).startsWith("8.");
    assertThat(image("broker"))
        .isEqualTo("confluentinc/cp-server:" + stack.env().get("CP_VERSION"));
    assertThat(image("schema-registry")).startsWith("confluentinc/cp-schema-registry:8.");
    assertThat(image("control-center"))
        .startsWith("confluentinc/cp-enterprise-control-center-next-gen:");
    // Control Center, its Prometheus and its Alertmanager must carry the same tag.
    String tag = tag(image("control-center"));
    assertThat(List.of(image("c3-prometheus"), image("c3-alertmanager"), image("c3-config-init")))
        .allSatisfy(i -> assertThat(tag(i)).isEqualTo(tag));
    assertThat(image("c3-prometheus")).startsWith("confluentinc/cp-enterprise-prometheus:");
    assertThat(image("c3-alertmanager")).startsWith("confluentinc/cp-enterprise-alertmanager:");
    assertThat(image("mongodb")).startsWith("mongo:8.");
    // KRaft only: combined broker and controller, no ZooKeeper anywhere.
    JsonNode env = stack.service("broker").path("environment");
    assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    assertThat(stack.composeText()).doesNotContainIgnoringCase("zookeeper");
  }

  @Test
  void shouldGiveEveryServiceAHealthcheck() {
    stack
        .services()
        .forEach(
            (name, service) -> {
              JsonNode hc = service.path("healthcheck");
              assertThat(hc.isObject()).as("%s has a healthcheck", name).isTrue();
              assertThat(hc.path("disable").asBoolean(false)).as(name).isFalse();
              JsonNode test = hc.path("test");
              assertThat(test.isArray() && test.size() > 1)
                  .as("%s: healthcheck test is an exec array", name)
                  .isTrue();
              assertThat(test.get(0).asText()).as(name).isIn("CMD", "CMD-SHELL");
              assertThat(hc.path("interval").asText()).as("%s interval", name).matches("\\d+s");
              assertThat(hc.path("timeout").asText()).as("%s timeout", name).matches("\\d+s");
              assertThat(hc.path("retries").asInt()).as("%s retries", name).isPositive();
            });
  }

  @Test
  void shouldDependOnDeclaredServicesWithConditionsThatMatchTheirKind() {
    Set<String> names = stack.services().keySet();
    stack
        .services()
        .forEach(
            (name, service) -> {
              JsonNode deps = service.path("depends_on");
              if (deps.isMissingNode()) {
                return;
              }
              assertThat(deps.isObject()).as("%s: depends_on uses conditions", name).isTrue();
              deps.fields()
                  .forEachRemaining(
                      dep -> {
                        String target = dep.getKey();
                        assertThat(names)
                            .as("%s depends on a declared service", name)
                            .contains(target);
                        assertThat(target)
                            .as("%s does not depend on itself", name)
                            .isNotEqualTo(name);
                        String condition = dep.getValue().path("condition").asText();
                        String expected =
                            stack.isOneShot(target)
                                ? "service_completed_successfully"
                                : stack.service(target).has("healthcheck")
                                    ? "service_healthy"
                                    : "service_started";
                        assertThat(condition).as("%s -> %s", name, target).isEqualTo(expected);
                      });
            });
  }

  @Test
  void shouldLetUpWaitFinishBecauseEveryStartedOneShotIsAwaitedByALongRunningService() {
    for (String job : stack.services().keySet()) {
      if (!stack.isOneShot(job) || stack.service(job).has("profiles")) {
        continue;
      }
      boolean adopted =
          stack.services().entrySet().stream()
              .filter(e -> !stack.isOneShot(e.getKey()))
              .anyMatch(
                  e ->
                      "service_completed_successfully"
                          .equals(
                              e.getValue()
                                  .path("depends_on")
                                  .path(job)
                                  .path("condition")
                                  .asText()));
      assertThat(adopted).as("one-shot %s is awaited by a long-running service", job).isTrue();
    }
  }

  @Test
  void shouldHaveNoDependencyCycle() {
    Map<String, List<String>> graph = new HashMap<>();
    stack
        .services()
        .forEach(
            (name, service) -> {
              List<String> targets = new ArrayList<>();
              service.path("depends_on").fieldNames().forEachRemaining(targets::add);
              graph.put(name, targets);
            });
    Set<String> done = new HashSet<>();
    for (String name : graph.keySet()) {
      assertThat(cycleFrom(name, graph, new HashSet<>(), done))
          .as("cycle through %s", name)
          .isNull();
    }
  }

  @Test
  void shouldPublishEveryPortFromEnvOnTheBindAddressOnly() {
    Pattern published =
        Pattern.compile(
            "^\\$\\{BIND_ADDRESS:-127\\.0\\.0\\.1}:\\$\\{([A-Z_]+):-([0-9-]+)}:([0-9]+)$");
    Set<String> hostPorts = new HashSet<>();
    stack
        .services()
        .forEach(
            (name, service) ->
                service
                    .path("ports")
                    .forEach(
                        port -> {
                          Matcher m = published.matcher(port.asText());
                          assertThat(m.matches())
                              .as("%s: port '%s' is BIND_ADDRESS:${VAR:-default}:port", name, port)
                              .isTrue();
                          assertThat(stack.env())
                              .as("%s: port variable in .env", name)
                              .containsEntry(m.group(1), m.group(2));
                          assertThat(hostPorts.add(m.group(2)))
                              .as("%s: host port %s is unique", name, m.group(2))
                              .isTrue();
                        }));
    assertThat(stack.env()).containsEntry("BIND_ADDRESS", "127.0.0.1");
    assertThat(hostPorts)
        .as("the services people open have a host port")
        .contains("9092", "8081", "8083", "27017", "9021", "9090", "3000", "7070-7079");
  }

  @Test
  void shouldKeepStateInNamedVolumesAndMountOnlyFilesThatExist() {
    Set<String> declared = new HashSet<>();
    stack.compose().path("volumes").fieldNames().forEachRemaining(declared::add);
    Set<String> used = new HashSet<>();
    stack
        .services()
        .forEach(
            (name, service) ->
                service
                    .path("volumes")
                    .forEach(
                        v -> {
                          String[] parts = v.asText().split(":");
                          if (parts.length == 1) {
                            // Anonymous: one per container, the per-replica state of a scaled
                            // service.
                            assertThat(name)
                                .as("anonymous volume %s", v)
                                .isEqualTo("hopper-streams");
                            return;
                          }
                          String source = parts[0];
                          if (source.startsWith(".")) {
                            Path path = stack.dockerDir().resolve(source).normalize();
                            assertThat(path).as("%s mounts an existing path", name).exists();
                            assertThat(path.startsWith(stack.root())).as(name).isTrue();
                            if (parts.length == 3) {
                              assertThat(parts[2]).as("%s: bind mount %s", name, v).isEqualTo("ro");
                            } else {
                              assertThat(parts)
                                  .as("%s: bind mounts are read-only", name)
                                  .hasSize(3);
                            }
                          } else {
                            assertThat(declared)
                                .as("%s: named volume %s", name, source)
                                .contains(source);
                            used.add(source);
                          }
                        }));
    assertThat(used).as("every declared volume is used").isEqualTo(declared);
    assertThat(declared).contains("kafka-data", "mongo-data", "prometheus-data", "grafana-data");
  }

  @Test
  void shouldGiveEveryVariableADefaultThatAgreesWithDotEnv() {
    List<DockerStack.VariableUse> uses = stack.variableUses();
    assertThat(uses).isNotEmpty();
    for (DockerStack.VariableUse use : uses) {
      assertThat(use.fallback().isPresent() || stack.env().containsKey(use.name()))
          .as("${%s} has a default or is in docker/.env", use.name())
          .isTrue();
      if (use.fallback().isPresent() && stack.env().containsKey(use.name())) {
        assertThat(use.fallback().get())
            .as("default of ${%s} in compose.yaml equals docker/.env", use.name())
            .isEqualTo(stack.env().get(use.name()));
      }
    }
    // Every .env entry is used by the compose file (COMPOSE_* configure compose itself).
    Set<String> referenced =
        uses.stream().map(DockerStack.VariableUse::name).collect(Collectors.toSet());
    stack.env().keySet().stream()
        .filter(k -> !k.startsWith("COMPOSE_"))
        .forEach(k -> assertThat(referenced).as(".env %s is used", k).contains(k));
  }

  @Test
  void shouldTakeEveryCredentialFromTheEnvFile() {
    stack
        .services()
        .forEach(
            (name, service) ->
                service
                    .path("environment")
                    .fields()
                    .forEachRemaining(
                        e -> {
                          String value = e.getValue().asText();
                          if (SECRET_KEY.matcher(e.getKey()).matches()) {
                            assertThat(value.contains("${") || value.equals("unused"))
                                .as("%s: %s comes from docker/.env", name, e.getKey())
                                .isTrue();
                          }
                          if (value.matches(".*://[^/@\\s]+:[^/@\\s]+@.*")) {
                            assertThat(value)
                                .as("%s: credentials in %s come from docker/.env", name, e.getKey())
                                .contains("${MONGO_ROOT_USER:-")
                                .contains("${MONGO_ROOT_PASSWORD:-");
                          }
                        }));
  }

  @Test
  void shouldLimitMemorySoTheStackFitsAnEightGigabyteLaptop() {
    long total = 0;
    for (Map.Entry<String, JsonNode> e : stack.services().entrySet()) {
      String limit =
          e.getValue().path("deploy").path("resources").path("limits").path("memory").asText("");
      assertThat(limit).as("%s has a memory limit", e.getKey()).isNotBlank();
      total += DockerStack.bytes(limit);
    }
    assertThat(total).as("sum of memory limits, one replica each").isLessThanOrEqualTo(8L << 30);
  }

  @Test
  void shouldLetHopperStreamsScaleWithItsOwnAddressAndState() {
    JsonNode streams = stack.service("hopper-streams");
    assertThat(streams.has("container_name")).isFalse();
    assertThat(streams.has("hostname")).as("replicas keep their own hostnames").isFalse();
    assertThat(streams.path("ports").get(0).asText())
        .contains("HOPPER_STREAMS_PORTS")
        .endsWith(":7070");
    assertThat(stack.env().get("HOPPER_STREAMS_PORTS")).matches("\\d+-\\d+");
    JsonNode env = streams.path("environment");
    assertThat(env.has("HOPPER_APPLICATION_SERVER"))
        .as("application.server is resolved per replica by the entrypoint, not shared")
        .isFalse();
    assertThat(env.path("HOPPER_REST_PORT").asText()).isEqualTo("7070");
    assertThat(env.path("HOPPER_STATE_DIR").asText()).startsWith("/var/lib/hopper/");
    assertThat(streams.path("volumes").get(0).asText())
        .as("state in a per-container volume")
        .isEqualTo("/var/lib/hopper");
    assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("broker:29092");
    assertThat(env.path("SCHEMA_REGISTRY_URL").asText()).isEqualTo("http://schema-registry:8081");
  }

  @Test
  void shouldDeployTheConnectorFilesThatConnectShipsWithConfluentsConverter() throws IOException {
    JsonNode deploy = stack.service("hopper-connect-deploy");
    List<String> command = new ArrayList<>();
    deploy.path("command").forEach(c -> command.add(c.asText()));
    assertThat(command.get(0)).isEqualTo("deploy");
    assertThat(command)
        .contains(
            "--profile=confluent",
            "--connect-url=http://connect:8083",
            "--schema-registry-url=http://schema-registry:8081");
    String dir =
        command.stream().filter(c -> c.startsWith("--dir=")).findFirst().orElseThrow().substring(6);

    String mount =
        stream(deploy.path("volumes"))
            .map(JsonNode::asText)
            .filter(v -> v.split(":")[1].equals(dir))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted at --dir " + dir));
    Path source = stack.dockerDir().resolve(mount.split(":")[0]).normalize();
    assertThat(source).isEqualTo(stack.root().resolve("connect/src/main/resources/connectors"));
    for (SinkConnectors.Sink sink : SinkConnectors.Sink.values()) {
      assertThat(source.resolve(sink.connectorName() + ".json")).isRegularFile();
    }
    // No copy of a connector config anywhere under docker/ that could drift.
    try (Stream<Path> files = Files.walk(stack.dockerDir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("hopper-sink-"));
    }
    // What the overlay needs on Confluent Platform with one broker.
    JsonNode env = deploy.path("environment");
    assertThat(env.path("HOPPER_CONNECT_DLQ_REPLICATION_FACTOR").asText()).isEqualTo("1");
    assertThat(stack.interpolate(env.path("HOPPER_CONNECT_SET_CONNECTION_URI").asText()))
        .isEqualTo("${env:HOPPER_SINK_MONGODB_URI}");
    JsonNode worker = stack.service("connect").path("environment");
    assertThat(worker.has("HOPPER_SINK_MONGODB_URI")).isTrue();
    assertThat(worker.path("CONNECT_CONFIG_PROVIDERS_ENV_CLASS").asText())
        .isEqualTo("org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    assertThat(worker.path("CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY").asText())
        .as("the sinks override isolation.level")
        .isEqualTo("All");
  }

  @Test
  void shouldPointTheServicesAtEachOtherByServiceName() {
    Set<String> names = stack.services().keySet();
    Pattern hostPort = Pattern.compile("(?:[A-Za-z]+://|^|,|@)([a-z][a-z0-9-]*):(\\d{4,5})");
    stack
        .services()
        .forEach(
            (name, service) ->
                service
                    .path("environment")
                    .fields()
                    .forEachRemaining(
                        e -> {
                          Matcher m = hostPort.matcher(stack.interpolate(e.getValue().asText()));
                          while (m.find()) {
                            String host = m.group(1);
                            if (host.equals("localhost")) {
                              continue;
                            }
                            assertThat(names)
                                .as("%s: %s points at %s", name, e.getKey(), host)
                                .contains(host);
                          }
                        }));
  }

  @Test
  void shouldPassTheOptionalLicenceOnlyToExistingConfluentServices() {
    JsonNode overlay = DockerStack.parseYaml(stack.dockerDir().resolve("compose.license.yaml"));
    List<String> services = new ArrayList<>();
    overlay.path("services").fieldNames().forEachRemaining(services::add);
    assertThat(services).containsExactlyInAnyOrder("broker", "control-center");
    for (String name : services) {
      JsonNode env = overlay.path("services").path(name).path("environment");
      assertThat(env.size()).isPositive();
      env.fields()
          .forEachRemaining(
              e ->
                  assertThat(e.getValue().asText())
                      .as(
                          "%s: %s is required from docker/.env.local, never written here",
                          name, e.getKey())
                      .startsWith("${CONFLUENT_LICENSE:?"));
    }
  }

  private String image(String service) {
    return stack.interpolate(stack.service(service).path("image").asText());
  }

  private static String tag(String image) {
    return image.substring(image.lastIndexOf(':') + 1);
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out.stream();
  }

  private static String cycleFrom(
      String node, Map<String, List<String>> graph, Set<String> path, Set<String> done) {
    if (done.contains(node)) {
      return null;
    }
    if (!path.add(node)) {
      return node;
    }
    for (String next : graph.getOrDefault(node, List.of())) {
      String cycle = cycleFrom(next, graph, path, done);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(node);
    done.add(node);
    return null;
  }
}
