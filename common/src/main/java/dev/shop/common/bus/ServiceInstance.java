package dev.shop.common.bus;

import java.time.Duration;

/** One running instance of a service that answered a ping: its id and the ping's round trip. */
public record ServiceInstance(String id, Duration latency) {
}
