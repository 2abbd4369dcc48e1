package dev.hopper.registry.server;

import static dev.hopper.registry.server.RawHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The REST contract of Confluent's Schema Registry API v1, exchange by exchange over raw HTTP, in
 * the shape of the request/response examples of Confluent's API reference: paths, JSON field names,
 * status codes and error codes. Each test starts a fresh in-memory registry, so ids start at 1.
 */
class RestApiContractTest {
  /** The record of the documentation's examples, as a client would send it (whitespace and all). */
  static final String TEST_SCHEMA =
      """
      {
        "type": "record",
        "name": "test",
        "fields": [
          {"type": "string", "name": "field1"},
          {"type": "int", "name": "field2"}
        ]
      }""";

  /** What the registry stores and answers: Avro's canonical text of the same schema. */
  static final String TEST_CANONICAL =
      "{\"type\":\"record\",\"name\":\"test\",\"fields\":[{\"name\":\"field1\",\"type\":\"string\"},"
          + "{\"name\":\"field2\",\"type\":\"int\"}]}";

  /** The same record with a third field that has a default: BACKWARD compatible. */
  static final String TEST_V2 =
      "{\"type\":\"record\",\"name\":\"test\",\"fields\":[{\"name\":\"field1\",\"type\":\"string\"},"
          + "{\"name\":\"field2\",\"type\":\"int\"},"
          + "{\"name\":\"field3\",\"type\":\"string\",\"default\":\"x\"}]}";

  /** A third field without a default: not BACKWARD compatible. */
  static final String TEST_NO_DEFAULT =
      "{\"type\":\"record\",\"name\":\"test\",\"fields\":[{\"name\":\"field1\",\"type\":\"string\"},"
          + "{\"name\":\"field2\",\"type\":\"int\"},{\"name\":\"field3\",\"type\":\"string\"}]}";

  private static final ObjectMapper JSON = new ObjectMapper();

  SchemaRegistryServer server;
  RawHttp http;

  @BeforeEach
  void start() {
    server = SchemaRegistryServer.builder().host("127.0.0.1").port(0).inMemoryStore().build();
    server.start();
    http = new RawHttp(server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String versionJson(String subject, int version, int id, String schema) {
    return JSON.createObjectNode()
        .put("subject", subject)
        .put("version", version)
        .put("id", id)
        .put("schema", schema)
        .toString();
  }

  static String schemaJson(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  @Nested
  class Root {
    @Test
    void shouldAnswerAnEmptyObjectAtTheRoot() {
      http.get("/").is(200, "{}");
      http.post("/", "{}").is(200, "{}");
    }

    @Test
    void shouldListAvroAsTheOnlySchemaType() {
      http.get("/schemas/types").is(200, "[\"AVRO\"]");
    }

    @Test
    void shouldAnswerUnknownPathsWithAJsonNotFound() {
      http.get("/no/such/path").isError(404, 404);
    }
  }

  @Nested
  class Register {
    @Test
    void shouldRegisterAndAnswerTheId() {
      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");

      http.get("/subjects/test/versions").is(200, "[1]");
      http.get("/schemas/ids/1").is(200, schemaJson(TEST_CANONICAL));
    }

    @Test
    void shouldAnswerTheSameIdWhenTheSchemaIsRegisteredAgainOrUnderAnotherSubject() {
      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");

      http.post("/subjects/test/versions", schemaBody(TEST_CANONICAL)).is(200, "{\"id\":1}");
      http.post("/subjects/other/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");
      http.post("/subjects/string-value/versions", schemaBody("{\"type\": \"string\"}"))
          .is(200, "{\"id\":2}");

      http.get("/subjects/test/versions").is(200, "[1]");
      http.get("/subjects/other/versions").is(200, "[1]");
      http.get("/subjects").is(200, "[\"other\",\"string-value\",\"test\"]");
      http.get("/schemas/ids/1/versions")
          .is(200, "[{\"subject\":\"other\",\"version\":1},{\"subject\":\"test\",\"version\":1}]");
      http.get("/schemas/ids/1/subjects").is(200, "[\"other\",\"test\"]");
    }

    @Test
    void shouldAddAVersionForACompatibleChange() {
      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");

      http.post("/subjects/test/versions", schemaBody(TEST_V2)).is(200, "{\"id\":2}");

      http.get("/subjects/test/versions").is(200, "[1,2]");
      http.get("/subjects/test/versions/latest").is(200, versionJson("test", 2, 2, TEST_V2));
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409() {
      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");

      var refused =
          http.post("/subjects/test/versions", schemaBody(TEST_NO_DEFAULT)).isError(409, 409);

      assertThat(refused.json().path("message").asText())
          .contains("incompatible with an earlier schema")
          .contains("field3");
      http.get("/subjects/test/versions").is(200, "[1]");
    }

    @Test
    void shouldRefuseAnInvalidSchemaWith42201() {
      http.post("/subjects/test/versions", schemaBody("{\"type\": \"recrod\"}"))
          .isError(422, 42201);
      http.post("/subjects/test/versions", schemaBody("{not json")).isError(422, 42201);
      http.post(
              "/subjects/test/versions",
              "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\",\"schemaType\":\"PROTOBUF\"}")
          .isError(422, 42201);
      http.get("/subjects").is(200, "[]");
    }

    @Test
    void shouldAnswerTheDocumentedErrorForAMissingSchema() {
      // Confluent's documentation: a request entity that omits a required field.
      http.post("/subjects/test/versions", "{}")
          .is(422, "{\"error_code\":422,\"message\":\"schema may not be empty\"}");
    }

    @Test
    void shouldIgnoreFieldsAndParametersNewerClientsSend() {
      String body =
          JSON.createObjectNode()
              .put("schema", TEST_SCHEMA)
              .put("schemaType", "AVRO")
              .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                  "references", JSON.createArrayNode())
              .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                  "metadata", JSON.createObjectNode())
              .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                  "ruleSet", JSON.createObjectNode())
              .toString();

      http.post("/subjects/test/versions?normalize=false", body).is(200, "{\"id\":1}");
      http.get("/schemas/ids/1?fetchMaxId=false&subject=test").is(200, schemaJson(TEST_CANONICAL));
      http.get("/schemas/ids/1?fetchMaxId=true")
          .is(200, "{\"schema\":" + JSON.valueToTree(TEST_CANONICAL) + ",\"maxId\":1}");
    }

    @Test
    void shouldRefuseMalformedJsonWith400() {
      http.post("/subjects/test/versions", "{\"schema\":").isError(400, 400);
    }
  }

  @Nested
  class Read {
    @BeforeEach
    void registerTwoVersions() {
      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");
      http.post("/subjects/test/versions", schemaBody(TEST_V2)).is(200, "{\"id\":2}");
    }

    @Test
    void shouldAnswerAVersionByNumberOrLatest() {
      http.get("/subjects/test/versions/1").is(200, versionJson("test", 1, 1, TEST_CANONICAL));
      http.get("/subjects/test/versions/latest").is(200, versionJson("test", 2, 2, TEST_V2));
      http.get("/subjects/test/versions/-1").is(200, versionJson("test", 2, 2, TEST_V2));
    }

    @Test
    void shouldAnswerTheUnescapedSchemaOnly() {
      var exchange = http.get("/subjects/test/versions/1/schema");

      assertThat(exchange.status()).isEqualTo(200);
      assertThat(exchange.contentType()).startsWith(RawHttp.V1);
      assertThat(exchange.body()).isEqualTo(TEST_CANONICAL);
      assertThat(http.get("/schemas/ids/2/schema").body()).isEqualTo(TEST_V2);
    }

    @Test
    void shouldAnswerVersionAndSubjectErrors() {
      http.get("/subjects/test/versions/3").isError(404, 40402);
      http.get("/subjects/nope/versions/1").isError(404, 40401);
      http.get("/subjects/nope/versions").isError(404, 40401);
      http.get("/subjects/test/versions/one").isError(422, 42202);
      http.get("/subjects/test/versions/0").isError(422, 42202);
      http.get("/subjects/test/versions/-2").isError(422, 42202);
    }

    @Test
    void shouldAnswerSchemaNotFoundForAnUnknownId() {
      http.get("/schemas/ids/99")
          .is(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");
      http.get("/schemas/ids/abc").isError(404, 404);
    }

    @Test
    void shouldLookUpASchemaUnderASubject() {
      http.post("/subjects/test", schemaBody(TEST_SCHEMA))
          .is(200, versionJson("test", 1, 1, TEST_CANONICAL));
      http.post("/subjects/test", schemaBody("{\"type\":\"string\"}")).isError(404, 40403);
      http.post("/subjects/unknown", schemaBody(TEST_SCHEMA)).isError(404, 40401);
      http.post("/subjects/test", schemaBody("{\"type\":\"nope\"}")).isError(422, 42201);
    }

    @Test
    void shouldListSchemas() {
      http.get("/schemas?latestOnly=true").is(200, "[" + versionJson("test", 2, 2, TEST_V2) + "]");
      http.get("/schemas?subjectPrefix=other").is(200, "[]");
    }

    @Test
    void shouldAnswerNoReferences() {
      http.get("/subjects/test/versions/1/referencedby").is(200, "[]");
    }
  }

  @Nested
  class Compatibility {
    @BeforeEach
    void registerOne() {
      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");
    }

    @Test
    void shouldTestAgainstAVersion() {
      http.post("/compatibility/subjects/test/versions/latest", schemaBody(TEST_V2))
          .is(200, "{\"is_compatible\":true}");
      http.post("/compatibility/subjects/test/versions/1", schemaBody(TEST_NO_DEFAULT))
          .is(200, "{\"is_compatible\":false}");
      http.post("/compatibility/subjects/test/versions", schemaBody(TEST_NO_DEFAULT))
          .is(200, "{\"is_compatible\":false}");
    }

    @Test
    void shouldExplainWhenVerbose() {
      var verbose =
          http.post(
              "/compatibility/subjects/test/versions/latest?verbose=true",
              schemaBody(TEST_NO_DEFAULT));

      assertThat(verbose.status()).isEqualTo(200);
      assertThat(verbose.json().path("is_compatible").asBoolean()).isFalse();
      assertThat(verbose.json().path("messages").get(0).asText())
          .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
          .contains("field3");
    }

    @Test
    void shouldAcceptAnythingForASubjectWithoutVersions() {
      http.post("/compatibility/subjects/fresh/versions/latest", schemaBody(TEST_NO_DEFAULT))
          .is(200, "{\"is_compatible\":true}");
    }

    @Test
    void shouldAnswerTheDocumentedErrors() {
      http.post("/compatibility/subjects/test/versions/7", schemaBody(TEST_V2)).isError(404, 40402);
      http.post("/compatibility/subjects/nope/versions/1", schemaBody(TEST_V2)).isError(404, 40401);
      http.post("/compatibility/subjects/test/versions/x", schemaBody(TEST_V2)).isError(422, 42202);
      http.post("/compatibility/subjects/test/versions/latest", schemaBody("{\"type\":1}"))
          .isError(422, 42201);
    }
  }

  @Nested
  class Config {
    @Test
    void shouldReadAndUpdateTheGlobalLevel() {
      http.get("/config").is(200, "{\"compatibilityLevel\":\"BACKWARD\"}");

      http.put("/config", "{\"compatibility\": \"FULL\"}").is(200, "{\"compatibility\":\"FULL\"}");

      http.get("/config").is(200, "{\"compatibilityLevel\":\"FULL\"}");
      http.delete("/config").is(200, "{\"compatibilityLevel\":\"FULL\"}");
      http.get("/config").is(200, "{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void shouldRefuseAnInvalidLevelWith42203() {
      http.put("/config", "{\"compatibility\": \"SOMETIMES\"}").isError(422, 42203);
      http.put("/config/test", "{}").isError(422, 42203);
    }

    @Test
    void shouldKeepSubjectLevelsApart() {
      http.get("/config/test").isError(404, 40408);
      http.get("/config/test?defaultToGlobal=true")
          .is(200, "{\"compatibilityLevel\":\"BACKWARD\"}");

      http.put("/config/test", "{\"compatibility\": \"none\"}")
          .is(200, "{\"compatibility\":\"NONE\"}");

      http.get("/config/test").is(200, "{\"compatibilityLevel\":\"NONE\"}");
      http.get("/config").is(200, "{\"compatibilityLevel\":\"BACKWARD\"}");
      http.delete("/config/test").is(200, "{\"compatibilityLevel\":\"NONE\"}");
      http.delete("/config/test").isError(404, 40401);
      http.get("/config/test").isError(404, 40408);
    }

    @Test
    void shouldApplyTheSubjectLevelToRegistrations() {
      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");
      http.put("/config/test", "{\"compatibility\": \"NONE\"}")
          .is(200, "{\"compatibility\":\"NONE\"}");

      http.post("/subjects/test/versions", schemaBody(TEST_NO_DEFAULT)).is(200, "{\"id\":2}");
    }

    @Test
    void shouldAnswerReadWriteMode() {
      http.get("/mode").is(200, "{\"mode\":\"READWRITE\"}");
    }
  }

  @Nested
  class Delete {
    @BeforeEach
    void registerTwoVersions() {
      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");
      http.post("/subjects/test/versions", schemaBody(TEST_V2)).is(200, "{\"id\":2}");
    }

    @Test
    void shouldSoftDeleteThenPermanentlyDeleteAVersion() {
      http.delete("/subjects/test/versions/1?permanent=true").isError(404, 40407);

      http.delete("/subjects/test/versions/1").is(200, "1");

      http.delete("/subjects/test/versions/1").isError(404, 40406);
      http.get("/subjects/test/versions").is(200, "[2]");
      http.get("/subjects/test/versions?deleted=true").is(200, "[1,2]");
      http.get("/subjects/test/versions/1").isError(404, 40402);
      http.get("/subjects/test/versions/1?deleted=true")
          .is(200, versionJson("test", 1, 1, TEST_CANONICAL));
      // The id stays readable, so data written with it can still be decoded.
      http.get("/schemas/ids/1").is(200, schemaJson(TEST_CANONICAL));

      http.delete("/subjects/test/versions/1?permanent=true").is(200, "1");

      http.get("/subjects/test/versions?deleted=true").is(200, "[2]");
      http.delete("/subjects/test/versions/9").isError(404, 40402);
      http.delete("/subjects/nope/versions/1").isError(404, 40401);
      http.delete("/subjects/test/versions/zero").isError(422, 42202);
    }

    @Test
    void shouldDeleteTheLatestVersion() {
      http.delete("/subjects/test/versions/latest").is(200, "2");

      http.get("/subjects/test/versions/latest").is(200, versionJson("test", 1, 1, TEST_CANONICAL));
    }

    @Test
    void shouldSoftDeleteThenPermanentlyDeleteASubject() {
      http.delete("/subjects/test?permanent=true").isError(404, 40405);

      http.delete("/subjects/test").is(200, "[1,2]");

      http.delete("/subjects/test").isError(404, 40404);
      http.get("/subjects").is(200, "[]");
      http.get("/subjects?deleted=true").is(200, "[\"test\"]");
      http.get("/subjects?deletedOnly=true").is(200, "[\"test\"]");
      http.get("/subjects/test/versions").isError(404, 40401);
      http.post("/subjects/test", schemaBody(TEST_SCHEMA)).isError(404, 40401);
      http.post("/subjects/test?deleted=true", schemaBody(TEST_SCHEMA))
          .is(200, versionJson("test", 1, 1, TEST_CANONICAL));

      http.delete("/subjects/test?permanent=true").is(200, "[1,2]");

      http.get("/subjects?deleted=true").is(200, "[]");
      http.delete("/subjects/test").isError(404, 40401);
      http.get("/schemas/ids/2").is(200, schemaJson(TEST_V2));
    }

    @Test
    void shouldContinueVersionNumbersAfterASoftDeleteAndKeepIds() {
      http.delete("/subjects/test").is(200, "[1,2]");

      http.post("/subjects/test/versions", schemaBody(TEST_SCHEMA)).is(200, "{\"id\":1}");

      http.get("/subjects/test/versions").is(200, "[3]");
      http.get("/subjects/test/versions/3").is(200, versionJson("test", 3, 1, TEST_CANONICAL));
    }

    @Test
    void shouldRemoveTheSubjectLevelWithAPermanentDelete() {
      http.put("/config/test", "{\"compatibility\": \"FULL\"}")
          .is(200, "{\"compatibility\":\"FULL\"}");
      http.delete("/subjects/test").is(200, "[1,2]");

      http.delete("/subjects/test?permanent=true").is(200, "[1,2]");

      http.get("/config/test").isError(404, 40408);
    }
  }

  @Nested
  class ContentTypes {
    @Test
    void shouldAcceptTheLessSpecificContentTypes() {
      for (String type :
          new String[] {
            "application/vnd.schemaregistry+json", "application/json", "application/octet-stream"
          }) {
        var exchange =
            http.send("POST", "/subjects/test/versions", schemaBody(TEST_SCHEMA), type, type);
        assertThat(exchange.status()).as(type).isEqualTo(200);
      }
    }

    @Test
    void shouldRefuseOtherContentTypesWith415() {
      http.send(
              "POST", "/subjects/test/versions", schemaBody(TEST_SCHEMA), RawHttp.V1, "text/plain")
          .isError(415, 415);
    }

    @Test
    void shouldAnswerInTheNegotiatedType() {
      assertThat(http.send("GET", "/subjects", null, "application/json", null).contentType())
          .startsWith("application/json");
      assertThat(
              http.send(
                      "GET",
                      "/subjects",
                      null,
                      "application/vnd.schemaregistry.v1+json; q=0.9, application/json; q=0.5",
                      null)
                  .contentType())
          .startsWith(RawHttp.V1);
      assertThat(http.send("GET", "/subjects", null, null, null).contentType())
          .startsWith(RawHttp.V1);
    }

    @Test
    void shouldAnswerMethodNotAllowedAsJson() {
      http.send("PATCH", "/subjects", "{}").isError(405, 405);
    }
  }
}
