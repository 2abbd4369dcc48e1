package dev.hopper.streams.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages for what it refuses before Javalin sees a request (a malformed URI or header,
 * an ambiguous path): the API's JSON error shape instead of HTML, and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final HttpField JSON_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, RestServer.JSON + ";charset=utf-8");

  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(JSON_TYPE);
    response.write(true, body(code, message), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(JSON_TYPE);
    return body(status, reason);
  }

  static ByteBuffer body(int code, String message) {
    String error = code == 404 ? "not_found" : code >= 500 ? "internal_error" : "bad_request";
    String text =
        JsonViews.error(
                error,
                message == null || message.isBlank()
                    ? "the request was refused (HTTP " + code + ")"
                    : Params.printable(message))
            .toString();
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
