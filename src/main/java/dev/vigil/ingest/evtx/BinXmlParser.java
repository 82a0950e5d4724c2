package dev.vigil.ingest.evtx;

import dev.vigil.ingest.evtx.BinXmlNode.Attribute;
import dev.vigil.ingest.evtx.BinXmlNode.CData;
import dev.vigil.ingest.evtx.BinXmlNode.CharRef;
import dev.vigil.ingest.evtx.BinXmlNode.Element;
import dev.vigil.ingest.evtx.BinXmlNode.EntityRef;
import dev.vigil.ingest.evtx.BinXmlNode.Pi;
import dev.vigil.ingest.evtx.BinXmlNode.Substitution;
import dev.vigil.ingest.evtx.BinXmlNode.SubstitutionValue;
import dev.vigil.ingest.evtx.BinXmlNode.TemplateInstance;
import dev.vigil.ingest.evtx.BinXmlNode.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the Binary XML of one chunk (libyal's "Windows XML Event Log" documentation, MS-EVEN6 BinXml) into
 * {@link BinXmlNode}s. Names and template definitions are stored once per chunk and referred to by chunk offset
 * from later records, so both are cached here for the chunk's lifetime.
 */
final class BinXmlParser {
  static final int MAX_DEPTH = 64;
  /** Records, and so names and templates, start after the 512-byte chunk header. */
  static final int FIRST_DATA_OFFSET = 512;

  private static final int EOF = 0x00, OPEN_START = 0x01, CLOSE_START = 0x02, CLOSE_EMPTY = 0x03, END = 0x04,
      VALUE = 0x05, ATTRIBUTE = 0x06, CDATA = 0x07, CHAR_REF = 0x08, ENTITY_REF = 0x09, PI_TARGET = 0x0a,
      PI_DATA = 0x0b, TEMPLATE_INSTANCE = 0x0c, NORMAL_SUBSTITUTION = 0x0d, OPTIONAL_SUBSTITUTION = 0x0e,
      FRAGMENT_HEADER = 0x0f;
  /** Set on a token when another of its kind (attribute, more content) follows. */
  private static final int MORE = 0x40;
  private static final int STRING_TYPE = 0x01;

  private final ChunkBytes chunk;
  private final Map<Integer, String> names = new HashMap<>();
  private final Map<Integer, Template> templates = new HashMap<>();

  private record Template(List<BinXmlNode> body, int end) {}

  BinXmlParser(ChunkBytes chunk) {
    this.chunk = chunk;
  }

  /**
   * A document (a record's event, a template body or a Binary XML value) in chunk bytes [start, end): fragment
   * headers, elements, template instances and PIs, up to the end-of-file token or the end.
   */
  List<BinXmlNode> document(int start, long end, int depth, DecodeBudget budget) throws EvtxFormatException {
    if (depth > MAX_DEPTH) {
      throw new EvtxFormatException("templates and Binary XML values are nested more than " + MAX_DEPTH + " deep");
    }
    BinXmlCursor in = new BinXmlCursor(chunk, start, end, budget);
    List<BinXmlNode> nodes = new ArrayList<>();
    while (!in.atEnd()) {
      int token = in.peek();
      switch (token & ~MORE) {
        case EOF -> {
          return nodes;
        }
        case FRAGMENT_HEADER -> in.skip(4, "a fragment header"); // token, major and minor version, flags
        case OPEN_START -> nodes.add(element(in, depth + 1));
        case TEMPLATE_INSTANCE -> nodes.add(templateInstance(in, depth + 1));
        case PI_TARGET -> nodes.add(pi(in));
        default -> throw unexpected(in, token, "in a document");
      }
    }
    return nodes;
  }

  private Element element(BinXmlCursor in, int depth) throws EvtxFormatException {
    if (depth > MAX_DEPTH) {
      throw new EvtxFormatException("elements are nested more than " + MAX_DEPTH + " deep");
    }
    int start = in.pos;
    int token = in.token();
    // MS-EVEN6 leaves the 2-byte dependency id out of elements inside a Binary XML value, but files do not
    // always follow that: the layout whose name offset makes sense (the name follows inline, or was stored
    // earlier in the chunk) is the one used, with the dependency id when both do.
    if (plausibleNameOffset(start + 7, start) || !plausibleNameOffset(start + 5, start)) {
      in.skip(2, "a dependency id");
    }
    in.skip(4, "an element's data size");
    String name = name(in, "an element name");
    List<Attribute> attributes = (token & MORE) != 0 ? attributes(in, name) : List.of();
    int close = in.token();
    if (close == CLOSE_EMPTY) {
      return new Element(name, attributes, List.of(), true);
    }
    if (close != CLOSE_START) {
      throw new EvtxFormatException(String.format("element <%s> at chunk offset 0x%x: expected the end of its "
          + "start tag (token 0x02 or 0x03), found token 0x%02x", name, start, close));
    }
    List<BinXmlNode> content = new ArrayList<>();
    while (true) {
      int next = in.peek();
      switch (next & ~MORE) {
        case END -> {
          in.token();
          return new Element(name, attributes, content, false);
        }
        case OPEN_START -> content.add(element(in, depth + 1));
        case TEMPLATE_INSTANCE -> content.add(templateInstance(in, depth + 1));
        case CDATA -> {
          in.token();
          content.add(new CData(in.counted("a CDATA section")));
        }
        case PI_TARGET -> content.add(pi(in));
        case VALUE, NORMAL_SUBSTITUTION, OPTIONAL_SUBSTITUTION, CHAR_REF, ENTITY_REF -> content.add(value(in));
        default -> throw unexpected(in, next, "in element <" + name + ">");
      }
    }
  }

  private boolean plausibleNameOffset(int field, int elementStart) throws EvtxFormatException {
    if (field < 0 || field + 4 > ChunkBytes.SIZE) {
      return false;
    }
    long offset = chunk.u32(field);
    return offset == field + 4 || (offset >= FIRST_DATA_OFFSET && offset < elementStart);
  }

  private List<Attribute> attributes(BinXmlCursor in, String element) throws EvtxFormatException {
    long size = in.u32("an attribute list's size");
    long end = in.pos + size;
    List<Attribute> attributes = new ArrayList<>();
    int token;
    do {
      int at = in.pos;
      token = in.token();
      if ((token & ~MORE) != ATTRIBUTE) {
        throw new EvtxFormatException(String.format("element <%s>: expected an attribute at chunk offset 0x%x, "
            + "found token 0x%02x", element, at, token));
      }
      String name = name(in, "an attribute name");
      List<BinXmlNode> value = new ArrayList<>();
      while (!in.atEnd() && isValueToken(in.peek())) {
        value.add(value(in));
      }
      attributes.add(new Attribute(name, value));
    } while ((token & MORE) != 0);
    if (in.pos > end) {
      throw new EvtxFormatException(String.format("element <%s>: its attributes take %d bytes, more than the %d "
          + "its attribute list declares", element, in.pos - (end - size), size));
    }
    return attributes;
  }

  private static boolean isValueToken(int token) {
    int kind = token & ~MORE;
    return kind == VALUE || kind == NORMAL_SUBSTITUTION || kind == OPTIONAL_SUBSTITUTION || kind == CHAR_REF
        || kind == ENTITY_REF;
  }

  /** Text, a substitution or a reference: what an attribute value or element content is made of. */
  private BinXmlNode value(BinXmlCursor in) throws EvtxFormatException {
    int at = in.pos;
    int token = in.token();
    switch (token & ~MORE) {
      case VALUE -> {
        int type = in.u8("a value type");
        if (type != STRING_TYPE) {
          throw new EvtxFormatException(String.format("value text at chunk offset 0x%x has type 0x%02x; text is "
              + "always a string (0x01)", at, type));
        }
        return new Text(in.counted("value text"));
      }
      case NORMAL_SUBSTITUTION, OPTIONAL_SUBSTITUTION -> {
        int index = in.u16("a substitution id");
        in.u8("a substitution type"); // the value's own type, in the instance data, is the one that counts
        return new Substitution(index, (token & ~MORE) == OPTIONAL_SUBSTITUTION);
      }
      case CHAR_REF -> {
        return new CharRef(in.u16("a character reference"));
      }
      default -> {
        return new EntityRef(name(in, "an entity name"));
      }
    }
  }

  private Pi pi(BinXmlCursor in) throws EvtxFormatException {
    in.token();
    String target = name(in, "a PI target");
    int at = in.pos;
    int token = in.token();
    if (token != PI_DATA) {
      throw new EvtxFormatException(String.format("PI <?%s at chunk offset 0x%x: expected its data (token 0x0b), "
          + "found token 0x%02x", target, at, token));
    }
    return new Pi(target, in.counted("PI data"));
  }

  private TemplateInstance templateInstance(BinXmlCursor in, int depth) throws EvtxFormatException {
    if (depth > MAX_DEPTH) {
      throw new EvtxFormatException("templates are nested more than " + MAX_DEPTH + " deep");
    }
    int start = in.pos;
    in.token();
    in.skip(5, "a template instance header"); // unknown byte, template id (the definition's GUID says the same)
    long definition = in.u32("a template definition offset");
    Template template;
    if (definition == in.pos) {
      template = template(in.pos, depth, in.budget);
      in.skip(template.end() - in.pos, "an inline template definition"); // the instance data follows it
    } else if (definition >= FIRST_DATA_OFFSET && definition < start) {
      template = template((int) definition, depth, in.budget);
    } else {
      throw new EvtxFormatException(String.format("template instance at chunk offset 0x%x refers to a definition "
          + "at 0x%x, which is neither inline nor earlier in the chunk", start, definition));
    }
    return new TemplateInstance(template.body(), values(in, start));
  }

  private Template template(int offset, int depth, DecodeBudget budget) throws EvtxFormatException {
    Template cached = templates.get(offset);
    if (cached != null) {
      return cached;
    }
    // Next definition offset (4), template GUID (16), data size (4), then the body: fragment header, element, EOF.
    BinXmlCursor header = new BinXmlCursor(chunk, offset, ChunkBytes.SIZE, budget);
    header.skip(20, "a template definition header");
    long size = header.u32("a template definition's size");
    header.need(size, "a template definition");
    int bodyStart = header.pos;
    Template template = new Template(document(bodyStart, bodyStart + size, depth, budget), (int) (bodyStart + size));
    templates.put(offset, template);
    return template;
  }

  private List<SubstitutionValue> values(BinXmlCursor in, int instance) throws EvtxFormatException {
    long count = in.u32("a template instance's value count");
    if (count * 4 > in.end - in.pos) {
      throw new EvtxFormatException(String.format("template instance at chunk offset 0x%x declares %d values; "
          + "their descriptors alone need more than the %d bytes left", instance, count, in.end - in.pos));
    }
    int[] sizes = new int[(int) count];
    int[] types = new int[(int) count];
    for (int i = 0; i < count; i++) {
      sizes[i] = in.u16("a value size");
      types[i] = in.u8("a value type");
      in.u8("a value descriptor's padding");
    }
    List<SubstitutionValue> values = new ArrayList<>(sizes.length);
    for (int i = 0; i < count; i++) {
      in.need(sizes[i], "value " + i + " of " + count);
      values.add(new SubstitutionValue(types[i], in.pos, sizes[i]));
      in.pos += sizes[i];
    }
    return values;
  }

  /**
   * A name by its chunk offset. When the offset points just past itself the name is stored right here and the
   * cursor moves over it; otherwise it was stored earlier and is only looked up.
   */
  private String name(BinXmlCursor in, String what) throws EvtxFormatException {
    long offset = in.u32(what + " offset");
    if (offset == in.pos) {
      // Next name in the hash chain (4), hash (2), length (2), the characters and a terminating NUL.
      in.skip(6, what);
      int chars = in.u16(what + " length");
      in.need(2L * chars + 2, what);
      in.pos += 2 * chars + 2;
      return cachedName((int) offset, what);
    }
    if (offset > ChunkBytes.SIZE - 8) {
      throw new EvtxFormatException(String.format("%s at chunk offset 0x%x points to 0x%x, outside the chunk",
          what, in.pos - 4, offset));
    }
    return cachedName((int) offset, what);
  }

  private String cachedName(int offset, String what) throws EvtxFormatException {
    String cached = names.get(offset);
    if (cached != null) {
      return cached;
    }
    int chars = chunk.u16(offset + 6);
    String name = chunk.utf16(offset + 8, chars);
    if (!XmlText.isName(name)) {
      throw new EvtxFormatException(String.format("%s at chunk offset 0x%x is not an XML name: '%s'", what, offset,
          XmlText.printable(name)));
    }
    names.put(offset, name);
    return name;
  }

  private static EvtxFormatException unexpected(BinXmlCursor in, int token, String where) {
    return new EvtxFormatException(String.format("unexpected token 0x%02x at chunk offset 0x%x %s", token, in.pos,
        where));
  }
}
