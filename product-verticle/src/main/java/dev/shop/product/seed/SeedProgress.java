package dev.shop.product.seed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How far a seeding is: a bar redrawn in place on a terminal, else a log line now and then. */
final class SeedProgress {

  private static final Logger log = LoggerFactory.getLogger(SeedProgress.class);
  private static final int WIDTH = 40;
  private static final int LOG_EVERY = 10_000;

  private final boolean terminal;

  /** {@code terminal}: the bar on standard error rather than log lines. */
  SeedProgress(boolean terminal) {
    this.terminal = terminal;
  }

  void done(int products, int of) {
    if (terminal) {
      int filled = (int) ((long) WIDTH * products / of);
      System.err.printf("\rseeding [%s%s] %,d / %,d products", "#".repeat(filled), " ".repeat(WIDTH - filled),
          products, of);
    } else if (products % LOG_EVERY == 0 || products == of) {
      log.atInfo().addKeyValue("products", products).addKeyValue("of", of).log("seeding");
    }
  }

  void end() {
    if (terminal) {
      System.err.println();
    }
  }
}
