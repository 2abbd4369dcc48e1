package dev.hopper.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.registry.server.SchemaRegistryService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CachedSchemaRegistryClientTest {
  private final InMemorySchemaRegistryClient registry =
      new InMemorySchemaRegistryClient(SchemaRegistryService.inMemory());
  private final AtomicLong clock = new AtomicLong();
  private final CachedSchemaRegistryClient cached =
      new CachedSchemaRegistryClient(registry, 3, Duration.ofSeconds(60), clock::get);

  @Test
  void shouldAskTheRegistryOncePerSchema() {
    // An equal schema parsed again is the same cache entry.
    for (int i = 0; i < 10; i++) {
      assertThat(cached.register("r-value", RestSchemaRegistryClientTest.V1)).isEqualTo(1);
      assertThat(cached.getId("r-value", parse(RestSchemaRegistryClientTest.V1.toString())))
          .isEqualTo(1);
      assertThat(cached.getSchemaById(1)).isEqualTo(RestSchemaRegistryClientTest.V1);
      assertThat(cached.getVersion("r-value", RestSchemaRegistryClientTest.V1)).isEqualTo(1);
      assertThat(cached.getSchemaMetadata("r-value", 1).id()).isEqualTo(1);
    }

    // register, getVersion, getSchemaMetadata: the id came with the registration.
    assertThat(registry.callCount()).isEqualTo(3);
  }

  @Test
  void shouldReadSchemasByIdOnce() {
    int id = registry.register("r-value", RestSchemaRegistryClientTest.V1);
    long before = registry.callCount();

    for (int i = 0; i < 5; i++) {
      cached.getSchemaById(id);
    }

    assertThat(registry.callCount() - before).isEqualTo(1);
  }

  @Test
  void shouldRefreshTheLatestVersionAfterItsTimeToLive() {
    cached.register("r-value", RestSchemaRegistryClientTest.V1);
    assertThat(cached.getLatestSchemaMetadata("r-value").version()).isEqualTo(1);
    registry.register("r-value", RestSchemaRegistryClientTest.V2);

    clock.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(cached.getLatestSchemaMetadata("r-value").version()).isEqualTo(1);

    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(cached.getLatestSchemaMetadata("r-value").version()).isEqualTo(2);
  }

  @Test
  void shouldForgetASubjectDeletedThroughIt() {
    cached.register("r-value", RestSchemaRegistryClientTest.V1);
    cached.deleteSubject("r-value", false);
    long before = registry.callCount();

    // Registering again must reach the registry, which creates version 2.
    assertThat(cached.register("r-value", RestSchemaRegistryClientTest.V1)).isEqualTo(1);
    assertThat(registry.callCount() - before).isEqualTo(1);
    assertThat(registry.getAllVersions("r-value")).containsExactly(2);
  }

  @Test
  void shouldStayBoundedPerSubject() {
    registry.updateCompatibility("many", dev.hopper.registry.CompatibilityLevel.NONE);
    for (int i = 0; i < 10; i++) {
      Schema schema = parse("{\"type\":\"record\",\"name\":\"R" + i + "\",\"fields\":[]}");
      cached.getSchemaById(registry.register("many-" + i, schema));
      assertThat(cached.register("many", schema)).isPositive();
    }

    // Capacity 3: the cache starts over instead of growing without bound; still correct.
    long before = registry.callCount();
    cached.register("many", parse("{\"type\":\"record\",\"name\":\"R0\",\"fields\":[]}"));
    assertThat(registry.callCount() - before).isEqualTo(1);
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
