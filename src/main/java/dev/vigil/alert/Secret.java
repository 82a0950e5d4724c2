package dev.vigil.alert;

/** A credential (an HEC token): its text is read where it is used, and it is never printed, not even by records. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value;
  }

  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "(secret)";
  }
}
