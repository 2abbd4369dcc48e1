package dev.hopper.registry.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin, {@code target/hopper-avro-converter.jar}, works on its own in a class loader
 * that sees only what a Connect worker gives a plugin (Kafka's classes and slf4j), and is found
 * through its {@code META-INF/services} entry as {@code plugin.discovery=service_load} does.
 */
class AvroConverterPluginIT {
  private static final Path JAR = Path.of("target/hopper-avro-converter.jar");

  /** Exposes only Kafka and slf4j from the application class path, like a worker's parent. */
  static final class WorkerClassLoader extends ClassLoader {
    private final ClassLoader application;

    WorkerClassLoader(ClassLoader application) {
      super(ClassLoader.getPlatformClassLoader());
      this.application = application;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (name.startsWith("org.apache.kafka.") || name.startsWith("org.slf4j.")) {
        return application.loadClass(name);
      }
      throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
      return null;
    }
  }

  @Test
  void shouldShipEverythingButWhatTheWorkerProvides() throws IOException {
    assertThat(JAR).exists();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> entries = jar.stream().map(java.util.zip.ZipEntry::getName).toList();

      assertThat(entries)
          .contains(
              "META-INF/services/org.apache.kafka.connect.storage.Converter",
              "dev/hopper/registry/connect/AvroConverter.class",
              "org/apache/avro/Schema.class",
              "com/fasterxml/jackson/databind/ObjectMapper.class")
          .noneMatch(e -> e.startsWith("org/apache/kafka/"))
          .noneMatch(e -> e.startsWith("org/slf4j/"))
          .noneMatch(e -> e.startsWith("io/javalin/") || e.startsWith("org/eclipse/jetty/"));
      assertThat(
              new String(
                  jar.getInputStream(
                          jar.getEntry(
                              "META-INF/services/org.apache.kafka.connect.storage.Converter"))
                      .readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8))
          .contains(AvroConverter.class.getName());
    }
  }

  @Test
  void shouldLoadFromThePluginJarAloneAndConvert() throws Exception {
    ClassLoader worker = new WorkerClassLoader(getClass().getClassLoader());
    try (URLClassLoader plugin = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, worker)) {
      Converter converter =
          ServiceLoader.load(Converter.class, plugin).stream()
              .filter(p -> p.type().getName().equals(AvroConverter.class.getName()))
              .findFirst()
              .orElseThrow()
              .get();

      // The converter and Avro come from the plugin jar, not from the test's class path.
      assertThat(converter.getClass().getClassLoader()).isSameAs(plugin);
      assertThat(plugin.loadClass("org.apache.avro.Schema").getClassLoader()).isSameAs(plugin);
      assertThat(converter.version()).isNotBlank();

      converter.configure(Map.of("schema.registry.url", "mock://plugin-it"), false);
      Schema schema =
          SchemaBuilder.struct()
              .name("dev.hopper.avro.Sample")
              .field("id", Schema.STRING_SCHEMA)
              .field("amount", Decimal.builder(2).build())
              .build();
      Struct value = new Struct(schema).put("id", "s-1").put("amount", new BigDecimal("10.50"));

      byte[] bytes = converter.fromConnectData("plugin-topic", schema, value);
      Struct back = (Struct) converter.toConnectData("plugin-topic", bytes).value();

      assertThat(bytes[0]).isZero();
      assertThat(back.getString("id")).isEqualTo("s-1");
      assertThat(back.get("amount")).isEqualTo(new BigDecimal("10.50"));
      converter.close();
    }
    assertThat(Files.size(JAR)).isPositive();
  }
}
