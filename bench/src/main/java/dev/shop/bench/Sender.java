package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.zip.GZIPInputStream;

/**
 * Sends requests to one server over a pool of at most {@code connections} keep-alive connections.
 * Every request says {@code Accept-Encoding: gzip}, as browsers and mobile clients do; answers kept
 * for their bodies are decompressed, answers only counted are not (as a load generator such as
 * wrk does not).
 */
final class Sender {

  /** Past this without a byte of the answer, a request counts as timed out. */
  static final long TIMEOUT_MS = 10_000;
  private static final String JSON = "application/json";
  private static final String GZIP = "gzip";

  private final HttpClientAgent client;
  private final String host;
  private final int port;

  Sender(Vertx vertx, URI server, int connections) {
    this.host = server.getHost();
    this.port = server.getPort();
    this.client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout((int) TIMEOUT_MS),
        // No cap on waiting requests: in the open model a queue is what a slow server produces.
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Sends the request and drops the answer's body; answers the status code. */
  Future<Integer> send(Request request) {
    return exchange(request).compose(response -> response.end().map(v -> response.statusCode()));
  }

  /** Sends the request and keeps the answer's body, decompressed. */
  Future<Reply> call(Request request) {
    return exchange(request).compose(response -> response.body().map(body -> new Reply(response.statusCode(),
        GZIP.equals(response.getHeader(HttpHeaders.CONTENT_ENCODING)) ? inflate(body) : body)));
  }

  private static Buffer inflate(Buffer gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.getBytes()))) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("an answer said gzip and was not", e);
    }
  }

  private Future<HttpClientResponse> exchange(Request request) {
    RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(host).setPort(port)
        .setURI(request.uri()).setIdleTimeout(TIMEOUT_MS).putHeader(HttpHeaders.ACCEPT_ENCODING, GZIP);
    if (request.authorization() != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, request.authorization());
    }
    if (request.body() != null) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    }
    return client.request(options)
        .compose(sent -> request.body() == null ? sent.send() : sent.send(request.body()));
  }

  Future<Void> close() {
    return client.close();
  }
}
