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
import java.util.List;
import java.util.Set;

/**
 * Renders decoded Binary XML with its template values as one line of event XML. Windows' rules (MS-EVEN6 3.1.4.7):
 * an element or attribute that directly holds an optional substitution whose value is null is left out. An array
 * value repeats the element that directly holds it, once per item (one empty element for an empty array), as
 * libyal documents; where several arrays share an element the longest sets the count. One renderer per record.
 */
final class BinXmlRenderer {
  static final int MAX_CHARS = 1 << 22;
  private static final Set<String> XML_ENTITIES = Set.of("lt", "gt", "amp", "quot", "apos");

  private final ChunkBytes chunk;
  private final BinXmlParser parser;
  private final DecodeBudget budget;
  private final StringBuilder out = new StringBuilder(2048);

  /** The values a substitution can refer to, and which array item the enclosing element is being rendered for. */
  private record Scope(List<SubstitutionValue> values, int item) {
    static final Scope NONE = new Scope(List.of(), -1);
  }

  BinXmlRenderer(ChunkBytes chunk, BinXmlParser parser, DecodeBudget budget) {
    this.chunk = chunk;
    this.parser = parser;
    this.budget = budget;
  }

  String render(List<BinXmlNode> document) throws EvtxFormatException {
    nodes(document, Scope.NONE, 0);
    return out.toString();
  }

  private void nodes(List<BinXmlNode> nodes, Scope scope, int depth) throws EvtxFormatException {
    for (BinXmlNode node : nodes) {
      node(node, scope, depth);
    }
  }

  private void node(BinXmlNode node, Scope scope, int depth) throws EvtxFormatException {
    budget.charge();
    if (out.length() > MAX_CHARS) {
      throw new EvtxFormatException("the event's XML is longer than " + MAX_CHARS + " characters");
    }
    if (node instanceof Element e) {
      element(e, scope.values(), depth + 1);
    } else if (node instanceof TemplateInstance t) {
      if (depth > BinXmlParser.MAX_DEPTH) {
        throw new EvtxFormatException("templates are nested more than " + BinXmlParser.MAX_DEPTH + " deep");
      }
      nodes(t.body(), new Scope(t.values(), -1), depth + 1);
    } else if (node instanceof Substitution s) {
      substitution(s, scope, depth);
    } else if (node instanceof Pi p) {
      pi(p);
    } else if (node instanceof CData c) {
      XmlText.cdata(out, c.text());
    } else {
      reference(node, false);
    }
  }

  /** Text and references, which element content and attribute values share. */
  private void reference(BinXmlNode node, boolean inAttribute) throws EvtxFormatException {
    if (node instanceof Text t) {
      if (inAttribute) {
        XmlText.attribute(out, t.text());
      } else {
        XmlText.text(out, t.text());
      }
    } else if (node instanceof CharRef c) {
      out.append(charRef(c));
    } else if (node instanceof EntityRef r) {
      out.append(entityRef(r));
    }
  }

  private void element(Element e, List<SubstitutionValue> values, int depth) throws EvtxFormatException {
    if (depth > BinXmlParser.MAX_DEPTH) {
      throw new EvtxFormatException("elements are nested more than " + BinXmlParser.MAX_DEPTH + " deep");
    }
    if (holdsNull(e.content(), values)) {
      return;
    }
    int items = arrayItems(e, values);
    for (int item = 0; item < Math.max(1, items); item++) {
      budget.charge();
      Scope scope = new Scope(values, items == 0 ? -1 : item);
      out.append('<').append(e.name());
      List<String> written = new ArrayList<>();
      for (Attribute a : e.attributes()) {
        if (holdsNull(a.value(), values)) {
          continue;
        }
        if (written.contains(a.name())) {
          throw new EvtxFormatException("element <" + e.name() + "> has the attribute " + a.name() + " twice");
        }
        written.add(a.name());
        out.append(' ').append(a.name()).append("=\"");
        attributeValue(a, scope);
        out.append('"');
      }
      if (e.empty()) {
        out.append("/>");
        continue;
      }
      out.append('>');
      nodes(e.content(), scope, depth);
      out.append("</").append(e.name()).append('>');
    }
  }

  private void attributeValue(Attribute a, Scope scope) throws EvtxFormatException {
    for (BinXmlNode part : a.value()) {
      budget.charge();
      if (part instanceof Substitution s) {
        SubstitutionValue v = value(s, scope);
        if (v.type() == SubstitutionValue.BINXML) {
          throw new EvtxFormatException("attribute " + a.name() + " holds a Binary XML value, which is not text");
        }
        XmlText.attribute(out, text(s, v, scope));
      } else {
        reference(part, true);
      }
    }
  }

  private void substitution(Substitution s, Scope scope, int depth) throws EvtxFormatException {
    SubstitutionValue v = value(s, scope);
    if (v.type() == SubstitutionValue.BINXML) {
      nodes(parser.document(v.offset(), (long) v.offset() + v.length(), depth + 1, budget), Scope.NONE, depth + 1);
    } else {
      XmlText.text(out, text(s, v, scope));
    }
  }

  /** The value a substitution stands for: for an array, the item its element is being rendered for. */
  private SubstitutionValue value(Substitution s, Scope scope) throws EvtxFormatException {
    SubstitutionValue v = declared(s, scope.values());
    if (!v.isArray()) {
      return v;
    }
    List<SubstitutionValue> items = items(s, v, scope.values());
    return scope.item() >= 0 && scope.item() < items.size() ? items.get(scope.item())
        : new SubstitutionValue(SubstitutionValue.NULL, v.offset(), 0);
  }

  private SubstitutionValue declared(Substitution s, List<SubstitutionValue> values) throws EvtxFormatException {
    if (s.index() >= values.size()) {
      throw new EvtxFormatException("substitution " + s.index() + " refers past the template instance's "
          + values.size() + " values");
    }
    return values.get(s.index());
  }

  private List<SubstitutionValue> items(Substitution s, SubstitutionValue v, List<SubstitutionValue> values)
      throws EvtxFormatException {
    try {
      return BinXmlValues.items(chunk, v);
    } catch (EvtxFormatException e) {
      throw about(s, v, values, e);
    }
  }

  private String text(Substitution s, SubstitutionValue v, Scope scope) throws EvtxFormatException {
    try {
      return BinXmlValues.text(chunk, v);
    } catch (EvtxFormatException e) {
      throw about(s, v, scope.values(), e);
    }
  }

  private static EvtxFormatException about(Substitution s, SubstitutionValue v, List<SubstitutionValue> values,
      EvtxFormatException e) {
    return new EvtxFormatException(String.format("substitution %d of %d has type 0x%02x and length %d; %s",
        s.index(), values.size(), v.type(), v.length(), e.getMessage()));
  }

  /** Whether these parts hold an optional substitution with a null value, which drops what encloses them. */
  private static boolean holdsNull(List<BinXmlNode> parts, List<SubstitutionValue> values) {
    for (BinXmlNode part : parts) {
      if (part instanceof Substitution s && s.optional() && s.index() < values.size()
          && values.get(s.index()).isNull()) {
        return true;
      }
    }
    return false;
  }

  /** How many times the element is repeated for the array values it directly holds; 0 when it holds none. */
  private int arrayItems(Element e, List<SubstitutionValue> values) throws EvtxFormatException {
    int items = 0;
    List<BinXmlNode> direct = new ArrayList<>(e.content());
    for (Attribute a : e.attributes()) {
      direct.addAll(a.value());
    }
    for (BinXmlNode part : direct) {
      if (part instanceof Substitution s) {
        SubstitutionValue v = declared(s, values);
        if (v.isArray()) {
          items = Math.max(Math.max(items, 1), items(s, v, values).size());
        }
      }
    }
    return items;
  }

  private static String charRef(CharRef c) throws EvtxFormatException {
    if (!XmlText.isXmlChar(c.codePoint())) {
      throw new EvtxFormatException(String.format("character reference &#%d; is not a character XML allows",
          c.codePoint()));
    }
    return "&#" + c.codePoint() + ";";
  }

  private static String entityRef(EntityRef r) throws EvtxFormatException {
    if (!XML_ENTITIES.contains(r.name())) {
      throw new EvtxFormatException("entity reference &" + r.name() + "; is not one of XML's five predefined ones");
    }
    return "&" + r.name() + ";";
  }

  private void pi(Pi p) throws EvtxFormatException {
    if (p.data().contains("?>") || p.target().equalsIgnoreCase("xml")) {
      throw new EvtxFormatException("processing instruction <?" + p.target() + " cannot be written as XML");
    }
    out.append("<?").append(p.target());
    if (!p.data().isEmpty()) {
      out.append(' ');
      XmlText.raw(out, p.data());
    }
    out.append("?>");
  }
}
