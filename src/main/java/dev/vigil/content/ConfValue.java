package dev.vigil.content;

/** A setting's value in a {@code .conf} file and where it was written, so that errors can name file and line. */
public record ConfValue(String value, String source, int line) {
  /** {@code file:line}, as error messages cite it. */
  public String location() {
    return source + ":" + line;
  }
}
