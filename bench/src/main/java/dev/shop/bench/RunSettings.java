package dev.shop.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One mode's run: which scenarios, against which gateway (and reference server, when the
 * {@code reference} scenario is asked for), for how long. {@code platformPid}, when set, is the
 * platform's process, whose resident memory and CPU time each row records ({@code referencePid}
 * likewise for the reference server's CPU time); {@code mixedAtLeast} then makes
 * the mixed journey last that long, warm-up included, before memory is read. {@code prime} is
 * how long each server (and the generator) gets to compile its hot paths before the first
 * scenario: on two cores the JIT needs far longer than one scenario's warm-up.
 * {@code flashSaleBuyers} buyers take part in the flash sale, for half as many units. {@code natsPid},
 * when set, is the NATS server's process, whose CPU time the checkout's split by process counts.
 */
record RunSettings(String mode, URI gateway, String productDatabaseUrl, URI reference, int connections,
    Duration prime, Duration warmup, Duration duration, List<String> scenarios, Long platformPid, Long referencePid,
    Duration mixedAtLeast, Path results, int flashSaleBuyers, Long natsPid) {
}
