package dev.vigil.ingest.evtx;

/** Escaping for the event XML that {@link EvtxReader} writes, so that whatever a file holds the XML stays well-formed. */
final class XmlText {
  private XmlText() {}

  private enum Context { TEXT, ATTRIBUTE, RAW }

  /**
   * Element and attribute names: ASCII only. Every name in Windows' manifests is ASCII, and parsers disagree on
   * which other letters XML allows, so anything else is refused rather than risk output a parser rejects.
   */
  static boolean isName(String name) {
    if (name.isEmpty() || !isNameStart(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isNameStart(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
  }

  /** Whether XML 1.0 allows the character at all (as text or as a character reference). */
  static boolean isXmlChar(int c) {
    return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)
        || (c >= 0x10000 && c <= 0x10ffff);
  }

  /** Element text: {@code & < >} escaped as Windows does; CR as a reference so that parsers keep it. */
  static void text(StringBuilder out, String s) {
    escape(out, s, Context.TEXT);
  }

  /** Attribute values also escape {@code "} and the white space that parsers would turn into spaces. */
  static void attribute(StringBuilder out, String s) {
    escape(out, s, Context.ATTRIBUTE);
  }

  /** CDATA content: "]]>" would end the section, so it is split over two. */
  static void cdata(StringBuilder out, String s) {
    out.append("<![CDATA[");
    StringBuilder clean = new StringBuilder(s.length());
    raw(clean, s);
    out.append(clean.toString().replace("]]>", "]]]]><![CDATA[>")).append("]]>");
  }

  /** Text that is not escaped (CDATA, PI data), only cleaned of characters XML does not allow. */
  static void raw(StringBuilder out, String s) {
    escape(out, s, Context.RAW);
  }

  /** A name or value for an error message: control characters shown as {@code \\uXXXX}, cut at 80 characters. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 80 ? out + "…" : out.toString();
  }

  /**
   * Characters that XML does not allow (NUL and other controls, U+FFFE, unpaired surrogates) become U+FFFD, the
   * replacement character: a value is kept readable and the event parseable.
   */
  private static void escape(StringBuilder out, String s, Context context) {
    for (int i = 0; i < s.length(); i++) {
      int c = s.codePointAt(i);
      if (Character.isSupplementaryCodePoint(c)) {
        out.appendCodePoint(c);
        i++;
        continue;
      }
      if (!isXmlChar(c) || Character.isSurrogate((char) c)) {
        out.append('\ufffd');
        continue;
      }
      boolean inAttribute = context == Context.ATTRIBUTE;
      if (context == Context.RAW) {
        out.append((char) c);
        continue;
      }
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\r' -> out.append("&#13;");
        case '"' -> out.append(inAttribute ? "&quot;" : "\"");
        case '\t' -> out.append(inAttribute ? "&#9;" : "\t");
        case '\n' -> out.append(inAttribute ? "&#10;" : "\n");
        default -> out.append((char) c);
      }
    }
  }
}
