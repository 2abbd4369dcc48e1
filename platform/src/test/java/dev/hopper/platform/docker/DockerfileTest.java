package dev.hopper.platform.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@code docker/Dockerfile} that a linter such as hadolint would make and that matter
 * here: pinned base images, multi-stage builds with the Maven wrapper, non-root users,
 * healthchecks, no secrets baked in, a build context that leaves build outputs out; and that the
 * compose file builds only targets the Dockerfile has, with the versions {@code .env} pins.
 */
class DockerfileTest {

  private static final Pattern PINNED =
      Pattern.compile("^[a-z0-9./_-]+:[A-Za-z0-9._-]+(@sha256:[0-9a-f]{64})?$");
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)\\b\\w*(PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIAL)\\w*\\s*=");

  private final DockerStack stack = DockerStack.load();
  private final Dockerfile dockerfile =
      Dockerfile.parse(DockerStack.read(stack.dockerDir().resolve("Dockerfile")));

  @Test
  void shouldPinEveryBaseImage() {
    assertThat(dockerfile.stages()).isNotEmpty();
    for (Dockerfile.Stage stage : dockerfile.stages()) {
      String base = stage.base();
      if (dockerfile.isStage(base)) {
        continue;
      }
      assertThat(base).as("stage %s: FROM %s is image:tag", stage.name(), base).matches(PINNED);
      String tag = base.substring(base.lastIndexOf(':') + 1);
      assertThat(tag)
          .as("stage %s", stage.name())
          .doesNotContainIgnoringCase("latest")
          .matches("\\d.*");
    }
  }

  @Test
  void shouldBuildTheVersionsThatDotEnvPins() {
    Map<String, String> args = dockerfile.globalArgs();
    assertThat(args.get("TEMURIN_VERSION")).isEqualTo(stack.env().get("TEMURIN_VERSION"));
    assertThat(args.get("CP_VERSION")).isEqualTo(stack.env().get("CP_VERSION"));
    assertThat(dockerfile.stage("connect-worker").orElseThrow().base())
        .isEqualTo("confluentinc/cp-kafka-connect:" + stack.env().get("CP_VERSION"));
    stack
        .services()
        .forEach(
            (name, service) ->
                service
                    .path("build")
                    .path("args")
                    .fields()
                    .forEachRemaining(
                        arg ->
                            assertThat(args)
                                .as(
                                    "%s passes build arg %s the Dockerfile declares",
                                    name, arg.getKey())
                                .containsKey(arg.getKey())));
  }

  @Test
  void shouldBuildTheJarsWithTheMavenWrapperInAnEarlierStage() {
    Dockerfile.Stage build = dockerfile.stage("build").orElseThrow();
    assertThat(build.base()).contains("-jdk");
    assertThat(String.join("\n", build.all("RUN")))
        .contains("./mvnw -B package -DskipTests")
        .contains("hopper-streams.jar")
        .contains("hopper-producers.jar")
        .contains("hopper-connect.jar");
    for (String target : List.of("hopper-streams", "hopper-producers", "hopper-connect")) {
      List<Dockerfile.Stage> chain = dockerfile.chain(target);
      assertThat(chain).extracting(Dockerfile.Stage::name).doesNotContain("build");
      assertThat(chain.get(chain.size() - 1).base()).as(target).contains("-jre");
      assertThat(chain.get(0).all("COPY"))
          .as("%s copies its jar from the build stage", target)
          .anySatisfy(c -> assertThat(c).startsWith("--from=build /out/" + target + ".jar"));
    }
    assertThat(dockerfile.stage("connect-worker").orElseThrow().all("COPY"))
        .anySatisfy(c -> assertThat(c).startsWith("--from=connector-plugins "));
  }

  @Test
  void shouldRunEveryTargetAsAnUnprivilegedUser() {
    for (String target : composeTargets()) {
      String user = dockerfile.effective(target, "USER").orElse("root");
      assertThat(user.split(":")[0]).as("USER of target %s", target).isNotIn("root", "0", "");
    }
    assertThat(dockerfile.stage("runtime").orElseThrow().all("RUN"))
        .anySatisfy(r -> assertThat(r).contains("useradd --system"));
  }

  @Test
  void shouldGiveEveryTargetAHealthcheck() {
    for (String target : composeTargets()) {
      assertThat(dockerfile.effective(target, "HEALTHCHECK"))
          .as("HEALTHCHECK of target %s", target)
          .hasValueSatisfying(h -> assertThat(h).startsWith("--").contains("CMD"));
    }
    assertThat(dockerfile.effective("hopper-streams", "HEALTHCHECK").orElseThrow())
        .contains("/health/ready");
  }

  @Test
  void shouldBakeNoSecretIntoAnImage() {
    for (Dockerfile.Instruction i : dockerfile.instructions()) {
      if (i.keyword().equals("ENV") || i.keyword().equals("ARG") || i.keyword().equals("LABEL")) {
        assertThat(SECRET_NAME.matcher(i.arguments()).find())
            .as("line %d: %s %s", i.line(), i.keyword(), i.arguments())
            .isFalse();
      }
      if (i.keyword().equals("COPY") || i.keyword().equals("ADD")) {
        assertThat(i.arguments()).as("line %d", i.line()).doesNotContain(".env");
      }
      assertThat(i.keyword())
          .as("line %d: ADD fetches URLs unchecked; COPY is explicit", i.line())
          .isNotEqualTo("ADD");
    }
    String ignore = DockerStack.read(stack.dockerDir().resolve("Dockerfile.dockerignore"));
    assertThat(ignore.lines().map(String::strip))
        .contains("**/target/", ".git/", "data/", "docker/.env.local");
  }

  @Test
  void shouldBuildOnlyTargetsTheDockerfileHasFromTheRepositoryRoot() {
    stack
        .services()
        .forEach(
            (name, service) -> {
              JsonNode build = service.path("build");
              if (build.isMissingNode()) {
                return;
              }
              assertThat(build.path("context").asText()).as(name).isEqualTo("..");
              assertThat(build.path("dockerfile").asText()).as(name).isEqualTo("docker/Dockerfile");
              assertThat(dockerfile.stage(build.path("target").asText()))
                  .as("%s builds target %s", name, build.path("target").asText())
                  .isPresent();
            });
    assertThat(composeTargets())
        .containsExactlyInAnyOrder(
            "connect-worker", "hopper-connect", "hopper-streams", "hopper-producers");
  }

  @Test
  void shouldReadContinuationLinesArgDefaultsAndStageChains() {
    Dockerfile parsed =
        Dockerfile.parse(
            String.join(
                "\n",
                "# syntax=docker/dockerfile:1",
                "ARG V=1.2.3",
                "FROM base:${V} AS one",
                "RUN a \\",
                "    # a comment inside",
                "    && b",
                "USER app",
                "FROM one AS two",
                "EXPOSE 80"));
    assertThat(parsed.globalArgs()).containsEntry("V", "1.2.3");
    assertThat(parsed.stage("one").orElseThrow().base()).isEqualTo("base:1.2.3");
    assertThat(parsed.stage("one").orElseThrow().all("RUN")).containsExactly("a && b");
    assertThat(parsed.effective("two", "USER")).contains("app");
    assertThat(parsed.chain("two"))
        .extracting(Dockerfile.Stage::name)
        .containsExactly("two", "one");
    assertThatThrownBy(() -> Dockerfile.parse("FROM img:${NOPE}")).hasMessageContaining("NOPE");
  }

  private List<String> composeTargets() {
    return stack.services().values().stream()
        .map(s -> s.path("build").path("target").asText(""))
        .filter(t -> !t.isEmpty())
        .distinct()
        .toList();
  }
}
