package dev.hopper.producers.quotes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hopper.producers.coingecko.MarketsResponse;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hopper's recording format for CoinGecko answers: JSON lines. The first line is a header ({@code
 * {"format":"hopper-coingecko-recording","version":1,"synthetic":false,...}}); each later line is
 * one response, {@code {"recordedAt":"...","vsCurrency":"usd","body":[...]}}, with {@code body}
 * exactly the JSON array {@code /coins/markets} returned. Readers skip (and log) lines they cannot
 * read rather than failing the replay.
 */
public final class Recording {
  private static final Logger LOG = LoggerFactory.getLogger(Recording.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code format} value of the header line. */
  public static final String FORMAT = "hopper-coingecko-recording";

  /**
   * Classpath location of the recording shipped in the jar (synthetic, in the exact API format).
   */
  public static final String BUNDLED_RESOURCE =
      "/dev/hopper/producers/quotes/coingecko-markets-synthetic.jsonl";

  private Recording() {}

  /** One recorded response. */
  public record Entry(long lineNumber, Instant recordedAt, String vsCurrency, JsonNode body) {}

  /** Opens the bundled synthetic recording. */
  public static Reader bundled() {
    InputStream in = Recording.class.getResourceAsStream(BUNDLED_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("the bundled recording " + BUNDLED_RESOURCE + " is missing");
    }
    return new Reader(
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
        "bundled synthetic recording");
  }

  /** Opens a recording file. */
  public static Reader open(Path file) throws IOException {
    return new Reader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads entries one by one. */
  public static final class Reader implements Closeable {
    private final BufferedReader in;
    private final String name;
    private long lineNumber;
    private boolean synthetic;
    private long skipped;

    Reader(BufferedReader in, String name) {
      this.in = in;
      this.name = name;
    }

    /** The next entry, or empty at the end. */
    public Optional<Entry> next() throws IOException {
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = JSON.readTree(line);
          if (node.has("format")) {
            synthetic = node.path("synthetic").asBoolean(false);
            continue;
          }
          JsonNode body = node.get("body");
          String vs = node.path("vsCurrency").asText("");
          if (body == null || vs.isEmpty() || !node.hasNonNull("recordedAt")) {
            throw new IllegalArgumentException("needs recordedAt, vsCurrency and body");
          }
          return Optional.of(
              new Entry(lineNumber, Instant.parse(node.get("recordedAt").asText()), vs, body));
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
          skipped++;
          LOG.warn(
              "{} line {}: skipped, not a recorded response: {}", name, lineNumber, e.getMessage());
        }
      }
      return Optional.empty();
    }

    /** Whether the header labels this recording as synthetic. */
    public boolean synthetic() {
      return synthetic;
    }

    /** Where the entries come from, for logs. */
    public String name() {
      return name;
    }

    /** Lines skipped as unreadable. */
    public long skipped() {
      return skipped;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Appends responses to a recording file, one line each, flushed as written. */
  public static final class Recorder implements Closeable {
    private final Writer out;
    private final Path file;

    private Recorder(Path file, Writer out) {
      this.file = file;
      this.out = out;
    }

    /** Opens {@code file} for appending, writing the header line when the file is new or empty. */
    public static Recorder append(Path file) throws IOException {
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      Writer out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Recorder r = new Recorder(file, out);
      if (fresh) {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT);
        header.put("version", 1);
        header.put("synthetic", false);
        header.put(
            "note", "CoinGecko /coins/markets responses recorded by hopper-producers quotes");
        r.writeLine(JSON.writeValueAsString(header));
      }
      return r;
    }

    /** Appends one well-formed response; malformed ones are not recorded. */
    public void record(MarketsResponse response) {
      if (response.malformed()) {
        return;
      }
      try {
        String body = response.body().strip();
        StringWriter line = new StringWriter(body.length() + 100);
        try (JsonGenerator g = JSON.getFactory().createGenerator(line)) {
          g.writeStartObject();
          g.writeStringField("recordedAt", response.fetchedAt().toString());
          g.writeStringField("vsCurrency", response.vsCurrency());
          g.writeFieldName("body");
          if (body.indexOf('\n') < 0 && body.indexOf('\r') < 0) {
            g.writeRawValue(body); // byte for byte as the API sent it
          } else {
            g.writeTree(JSON.readTree(body)); // pretty-printed: one line per response
          }
          g.writeEndObject();
        }
        writeLine(line.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to recording " + file, e);
      }
    }

    private void writeLine(String line) throws IOException {
      out.write(line);
      out.write('\n');
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
