package dev.shop.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client's IP address: the connection's peer, unless the peer is a configured trusted proxy
 * ({@code SHOP_TRUSTED_PROXIES}); then the last address of {@code X-Forwarded-For} that is not a
 * trusted proxy (each proxy appends the address it received from, so the entries left of an
 * untrusted one could be made up by the client).
 */
public final class ClientAddress {

  private static final Pattern ADDRESS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

  private ClientAddress() {
  }

  public static String of(RoutingContext ctx, Set<String> trustedProxies) {
    String peer = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    if (!trustedProxies.contains(peer)) {
      return peer;
    }
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded == null) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!ADDRESS.matcher(hop).matches()) {
        return peer; // not an address: the header is not to be trusted at all
      }
      if (!trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return hops[0].trim();
  }
}
