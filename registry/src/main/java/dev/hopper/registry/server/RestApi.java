package dev.hopper.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hopper.registry.CompatibilityLevel;
import dev.hopper.registry.server.store.StoreRecord.SubjectVersion;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API v1 over a {@link SchemaRegistryService}: paths, JSON field
 * names, status codes and error codes as Confluent documents them. Unknown request fields and query
 * parameters are ignored, as newer clients send some.
 */
final class RestApi {
  static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
  static final String DEFAULT_JSON = "application/vnd.schemaregistry+json";
  static final String JSON_TYPE = "application/json";

  private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ERROR_WRITTEN = "hopper.registry.error";
  private static final Set<String> ACCEPTED_REQUEST_TYPES =
      Set.of(V1_JSON, DEFAULT_JSON, JSON_TYPE, "application/octet-stream");

  private final SchemaRegistryService service;
  private final AtomicLong requests;

  RestApi(SchemaRegistryService service, AtomicLong requests) {
    this.service = service;
    this.requests = requests;
  }

  void register(RoutesConfig routes) {
    routes.before(this::before);

    routes.get("/", ctx -> json(ctx, JSON.createObjectNode()));
    routes.post("/", ctx -> json(ctx, JSON.createObjectNode()));

    routes.get("/schemas/types", ctx -> json(ctx, JSON.createArrayNode().add("AVRO")));
    routes.get("/schemas", this::listSchemas);
    routes.get("/schemas/ids/{id}", this::schemaById);
    routes.get("/schemas/ids/{id}/schema", ctx -> raw(ctx, service.schemaById(id(ctx))));
    routes.get("/schemas/ids/{id}/subjects", this::subjectsOfId);
    routes.get("/schemas/ids/{id}/versions", this::versionsOfId);

    routes.get("/subjects", this::listSubjects);
    routes.post("/subjects/{subject}", this::lookup);
    routes.delete("/subjects/{subject}", this::deleteSubject);
    routes.get("/subjects/{subject}/versions", this::listVersions);
    routes.post("/subjects/{subject}/versions", this::registerSchema);
    routes.get("/subjects/{subject}/versions/{version}", this::getVersion);
    routes.get(
        "/subjects/{subject}/versions/{version}/schema",
        ctx -> raw(ctx, version(ctx, bool(ctx, "deleted")).schema()));
    routes.get("/subjects/{subject}/versions/{version}/referencedby", this::referencedBy);
    routes.delete("/subjects/{subject}/versions/{version}", this::deleteVersion);

    routes.post("/compatibility/subjects/{subject}/versions/{version}", this::compatibility);
    routes.post("/compatibility/subjects/{subject}/versions", this::compatibility);

    routes.get("/config", this::getGlobalConfig);
    routes.put("/config", ctx -> putConfig(ctx, null));
    routes.delete("/config", this::deleteGlobalConfig);
    routes.get("/config/{subject}", this::getSubjectConfig);
    routes.put("/config/{subject}", ctx -> putConfig(ctx, subject(ctx)));
    routes.delete("/config/{subject}", this::deleteSubjectConfig);

    routes.get("/mode", ctx -> json(ctx, JSON.createObjectNode().put("mode", "READWRITE")));

    routes.exception(
        RegistryError.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e.getMessage()));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Schema registry request {} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, 500, "Internal server error: " + e.getMessage());
        });
    routes.error(404, ctx -> defaultError(ctx, 404, "HTTP 404 Not Found"));
    routes.error(405, ctx -> defaultError(ctx, 405, "HTTP 405 Method Not Allowed"));
  }

  private void before(Context ctx) {
    requests.incrementAndGet();
    HandlerType method = ctx.method();
    if (method == HandlerType.POST || method == HandlerType.PUT) {
      String contentType = ctx.header("Content-Type");
      if (contentType != null && !contentType.isBlank()) {
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_REQUEST_TYPES.contains(mediaType)) {
          throw new RegistryError(415, 415, "HTTP 415 Unsupported Media Type");
        }
      }
    }
  }

  // ---------------------------------------------------------------- schemas

  private void listSchemas(Context ctx) {
    ArrayNode result = JSON.createArrayNode();
    for (SubjectVersion v :
        service.allVersions(
            ctx.queryParam("subjectPrefix"), bool(ctx, "deleted"), bool(ctx, "latestOnly"))) {
      result.add(versionJson(v));
    }
    json(ctx, result);
  }

  private void schemaById(Context ctx) {
    int id = id(ctx);
    ObjectNode body = JSON.createObjectNode().put("schema", service.schemaById(id));
    if (bool(ctx, "fetchMaxId")) {
      body.put("maxId", service.maxId());
    }
    json(ctx, body);
  }

  private void subjectsOfId(Context ctx) {
    ArrayNode result = JSON.createArrayNode();
    service.versionsOfId(id(ctx), bool(ctx, "deleted")).stream()
        .map(SubjectVersion::subject)
        .distinct()
        .forEach(result::add);
    json(ctx, result);
  }

  private void versionsOfId(Context ctx) {
    ArrayNode result = JSON.createArrayNode();
    for (SubjectVersion v : service.versionsOfId(id(ctx), bool(ctx, "deleted"))) {
      result.addObject().put("subject", v.subject()).put("version", v.version());
    }
    json(ctx, result);
  }

  // ---------------------------------------------------------------- subjects

  private void listSubjects(Context ctx) {
    ArrayNode result = JSON.createArrayNode();
    service
        .subjects(ctx.queryParam("subjectPrefix"), bool(ctx, "deleted"), bool(ctx, "deletedOnly"))
        .forEach(result::add);
    json(ctx, result);
  }

  private void listVersions(Context ctx) {
    ArrayNode result = JSON.createArrayNode();
    service
        .versions(subject(ctx), bool(ctx, "deleted"), bool(ctx, "deletedOnly"))
        .forEach(result::add);
    json(ctx, result);
  }

  private void registerSchema(Context ctx) {
    String subject = subject(ctx);
    JsonNode body = body(ctx);
    SubjectVersion registered = service.register(subject, schema(body), schemaType(body));
    LOG.debug(
        "Subject {} version {} has schema id {}", subject, registered.version(), registered.id());
    json(ctx, JSON.createObjectNode().put("id", registered.id()));
  }

  private void lookup(Context ctx) {
    JsonNode body = body(ctx);
    SubjectVersion found =
        service.lookup(subject(ctx), schema(body), schemaType(body), bool(ctx, "deleted"));
    json(ctx, versionJson(found));
  }

  private void getVersion(Context ctx) {
    json(ctx, versionJson(version(ctx, bool(ctx, "deleted"))));
  }

  private void referencedBy(Context ctx) {
    version(ctx, true);
    // Hopper's schemas use no references: nothing ever refers to a version.
    json(ctx, JSON.createArrayNode());
  }

  private void deleteSubject(Context ctx) {
    ArrayNode result = JSON.createArrayNode();
    service.deleteSubject(subject(ctx), bool(ctx, "permanent")).forEach(result::add);
    json(ctx, result);
  }

  private void deleteVersion(Context ctx) {
    int version = SchemaRegistryService.parseVersion(ctx.pathParam("version"));
    json(
        ctx,
        JSON.getNodeFactory()
            .numberNode(service.deleteVersion(subject(ctx), version, bool(ctx, "permanent"))));
  }

  // ---------------------------------------------------------------- compatibility

  private void compatibility(Context ctx) {
    String versionParam = ctx.pathParamMap().get("version");
    Integer version =
        versionParam == null ? null : SchemaRegistryService.parseVersion(versionParam);
    JsonNode body = body(ctx);
    boolean verbose = bool(ctx, "verbose");
    List<String> problems;
    try {
      problems =
          service.compatibilityProblems(subject(ctx), version, schema(body), schemaType(body));
    } catch (RegistryError e) {
      if (verbose && e.errorCode() == 42201) {
        problems = List.of(e.getMessage());
      } else {
        throw e;
      }
    }
    ObjectNode result = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
    if (verbose) {
      ArrayNode messages = result.putArray("messages");
      problems.forEach(messages::add);
    }
    json(ctx, result);
  }

  // ---------------------------------------------------------------- config

  private void getGlobalConfig(Context ctx) {
    json(ctx, levelJson(service.globalCompatibility()));
  }

  private void getSubjectConfig(Context ctx) {
    String subject = subject(ctx);
    CompatibilityLevel level =
        service
            .subjectCompatibility(subject)
            .orElseGet(
                () -> {
                  if (bool(ctx, "defaultToGlobal")) {
                    return service.globalCompatibility();
                  }
                  throw RegistryError.subjectConfigNotFound(subject);
                });
    json(ctx, levelJson(level));
  }

  private void putConfig(Context ctx, String subject) {
    JsonNode body = body(ctx);
    JsonNode requested =
        body.hasNonNull("compatibility")
            ? body.get("compatibility")
            : body.get("compatibilityLevel");
    CompatibilityLevel level =
        CompatibilityLevel.parse(
                requested == null || !requested.isTextual() ? null : requested.asText())
            .orElseThrow(RegistryError::invalidCompatibilityLevel);
    service.setCompatibility(subject, level);
    LOG.info(
        "Compatibility of {} set to {}",
        subject == null ? "the registry" : "subject " + subject,
        level);
    json(ctx, JSON.createObjectNode().put("compatibility", level.name()));
  }

  private void deleteGlobalConfig(Context ctx) {
    json(ctx, levelJson(service.deleteGlobalCompatibility()));
  }

  private void deleteSubjectConfig(Context ctx) {
    json(ctx, levelJson(service.deleteSubjectCompatibility(subject(ctx))));
  }

  // ---------------------------------------------------------------- helpers

  private SubjectVersion version(Context ctx, boolean includeDeleted) {
    int version = SchemaRegistryService.parseVersion(ctx.pathParam("version"));
    return service.version(subject(ctx), version, includeDeleted);
  }

  private static ObjectNode versionJson(SubjectVersion v) {
    return JSON.createObjectNode()
        .put("subject", v.subject())
        .put("version", v.version())
        .put("id", v.id())
        .put("schema", v.schema());
  }

  private static ObjectNode levelJson(CompatibilityLevel level) {
    return JSON.createObjectNode().put("compatibilityLevel", level.name());
  }

  private static String subject(Context ctx) {
    return ctx.pathParam("subject");
  }

  /** A path id that is not a number matches no resource, as in Confluent's registry. */
  private static int id(Context ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new RegistryError(404, 404, "HTTP 404 Not Found");
    }
  }

  private static boolean bool(Context ctx, String name) {
    return Boolean.parseBoolean(ctx.queryParam(name));
  }

  private static JsonNode body(Context ctx) {
    String body = ctx.body();
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (!node.isObject()) {
        throw new RegistryError(400, 400, "Expected a JSON object as the request body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new RegistryError(400, 400, "Malformed JSON request body: " + e.getOriginalMessage());
    }
  }

  private static String schema(JsonNode body) {
    JsonNode schema = body.get("schema");
    return schema == null || schema.isNull() ? null : schema.asText();
  }

  private static String schemaType(JsonNode body) {
    JsonNode type = body.get("schemaType");
    return type == null || type.isNull() ? null : type.asText();
  }

  private static void json(Context ctx, JsonNode body) {
    ctx.contentType(responseType(ctx)).result(body.toString());
  }

  private static void raw(Context ctx, String body) {
    ctx.contentType(responseType(ctx)).result(body);
  }

  private static void error(Context ctx, int status, int errorCode, String message) {
    ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
    ctx.status(status)
        .contentType(responseType(ctx))
        .result(
            JSON.createObjectNode()
                .put("error_code", errorCode)
                .put("message", message)
                .toString());
  }

  private static void defaultError(Context ctx, int status, String message) {
    if (!Boolean.TRUE.equals(ctx.attribute(ERROR_WRITTEN))) {
      error(ctx, status, status, message);
    }
  }

  /** Content negotiation as Confluent's: v1 preferred, then the unversioned type, then JSON. */
  private static String responseType(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept == null || accept.isBlank()) {
      return V1_JSON;
    }
    String lower = accept.toLowerCase(Locale.ROOT);
    if (lower.contains(V1_JSON) || lower.contains("*/*") || lower.contains("application/*")) {
      return V1_JSON;
    }
    if (lower.contains(DEFAULT_JSON)) {
      return DEFAULT_JSON;
    }
    if (lower.contains(JSON_TYPE)) {
      return JSON_TYPE;
    }
    return V1_JSON;
  }
}
