package dev.vigil.ingest.evtx;

import java.util.List;

/**
 * Decoded Binary XML, before substitution: a template's body is decoded once per chunk into these nodes and then
 * rendered with each record's values.
 */
sealed interface BinXmlNode {
  /** {@code empty} when the element was closed by the empty-element token ({@code <X/>}). */
  record Element(String name, List<Attribute> attributes, List<BinXmlNode> content, boolean empty)
      implements BinXmlNode {}

  /** An attribute's value is text, substitutions and references, in order. */
  record Attribute(String name, List<BinXmlNode> value) {}

  record Text(String text) implements BinXmlNode {}

  record CharRef(int codePoint) implements BinXmlNode {}

  record EntityRef(String name) implements BinXmlNode {}

  record CData(String text) implements BinXmlNode {}

  record Pi(String target, String data) implements BinXmlNode {}

  /** {@code index} is into the enclosing template instance's values; optional ones drop their element when null. */
  record Substitution(int index, boolean optional) implements BinXmlNode {}

  record TemplateInstance(List<BinXmlNode> body, List<SubstitutionValue> values) implements BinXmlNode {}

  /** One value of a template instance: its type byte and where its bytes are in the chunk. */
  record SubstitutionValue(int type, int offset, int length) {
    static final int NULL = 0x00;
    static final int BINXML = 0x21;
    static final int ARRAY = 0x80;

    boolean isNull() {
      return type == NULL;
    }

    boolean isArray() {
      return (type & ARRAY) != 0;
    }
  }
}
