package vn.pakn.open311;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import vn.pakn.aws.json.Json;

/**
 * A GeoReport v2 document, built once and written in either format. The XML is the spec's
 * schemaless, namespace-free layout; the JSON follows from it by the Spark convention the spec
 * names: the root element is dropped, a container of repeated elements becomes an array (even
 * with one item), an element with children becomes an object, and an empty element is null.
 */
public sealed interface Doc permits Doc.Value, Doc.Group, Doc.Repeated {

    String name();

    /** A leaf element: text, number or boolean; null is written {@code <name/>} and {@code null}. */
    record Value(String name, Object value) implements Doc {
        public Value {
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException(name + ": a leaf holds text, a number or a boolean");
            }
        }
    }

    /** An element with child elements: a JSON object. */
    record Group(String name, List<Doc> children) implements Doc {
        public Group {
            children = List.copyOf(children);
        }
    }

    /** A container of {@code item} elements: a JSON array of objects (groups) or of plain values. */
    record Repeated(String name, String itemName, List<Doc> items) implements Doc {
        public Repeated {
            items = List.copyOf(items);
            for (Doc item : items) {
                if (!item.name().equals(itemName) || item instanceof Repeated) {
                    throw new IllegalArgumentException(name + " holds only " + itemName + " elements");
                }
            }
        }
    }

    static Value value(String name, Object value) {
        return new Value(name, value);
    }

    static Group group(String name, Doc... children) {
        return new Group(name, Arrays.asList(children));
    }

    static Group group(String name, List<Doc> children) {
        return new Group(name, children);
    }

    static Repeated repeated(String name, String itemName, List<? extends Doc> items) {
        return new Repeated(name, itemName, new ArrayList<>(items));
    }

    /** The document in {@code format}, XML with its declaration. */
    static String write(Doc root, Format format) {
        return format == Format.JSON ? Json.write(json(root)) : xml(root);
    }

    private static JsonNode json(Doc doc) {
        JsonNodeFactory nodes = Json.MAPPER.getNodeFactory();
        if (doc instanceof Value v) {
            Object value = v.value();
            if (value == null) {
                return nodes.nullNode();
            }
            if (value instanceof Boolean b) {
                return nodes.booleanNode(b);
            }
            if (value instanceof Double d) {
                return nodes.numberNode(d);
            }
            if (value instanceof Integer i) {
                return nodes.numberNode(i);
            }
            if (value instanceof Long l) {
                return nodes.numberNode(l);
            }
            if (value instanceof Number n) {
                return nodes.numberNode(new BigDecimal(n.toString()));
            }
            return nodes.textNode(value.toString());
        }
        if (doc instanceof Group g) {
            ObjectNode object = nodes.objectNode();
            for (Doc child : g.children()) {
                object.set(child.name(), json(child));
            }
            return object;
        }
        Repeated r = (Repeated) doc;
        ArrayNode array = nodes.arrayNode();
        r.items().forEach(item -> array.add(json(item)));
        return array;
    }

    private static String xml(Doc root) {
        StringWriter out = new StringWriter();
        // Written by hand: the JDK's writer quotes it with apostrophes, and the spec shows double quotes.
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            writeXml(xml, root);
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the XML document", e);
        }
        return out.toString();
    }

    private static void writeXml(XMLStreamWriter xml, Doc doc) throws XMLStreamException {
        if (doc instanceof Value v) {
            if (v.value() == null) {
                xml.writeEmptyElement(v.name());
                return;
            }
            xml.writeStartElement(v.name());
            xml.writeCharacters(text(v.value()));
            xml.writeEndElement();
            return;
        }
        xml.writeStartElement(doc.name());
        List<Doc> children = doc instanceof Group g ? g.children() : ((Repeated) doc).items();
        for (Doc child : children) {
            writeXml(xml, child);
        }
        xml.writeEndElement();
    }

    private static String text(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value instanceof String s ? xmlSafe(s) : value.toString();
    }

    /**
     * Characters XML 1.0 cannot carry at all (most control characters, lone surrogates) become
     * U+FFFD: a citizen's pasted text must not make the whole document unreadable.
     */
    static String xmlSafe(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFFFD);
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }
}
