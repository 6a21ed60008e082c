package dev.shop.contract.ar;

/** The AR service's subjects (docs/PROTOCOL.md, "ar service"); only the gateway calls them. */
public final class ArSubjects {

  public static final String SNAPSHOT_CREATE = "ar.snapshotCreate";
  public static final String SNAPSHOT_LIST = "ar.snapshotList";

  private ArSubjects() {
  }
}
