package org.cctvgateway.onvif.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Namespace-aware element lookup and text escaping. Elements match on namespace URI and local
 * name, never on prefixes: firmware writes {@code tt:}, {@code ns2:} or a default namespace for
 * the same element, and all of them must read the same.
 */
public final class Xml {
    /** Namespace wildcard for fields that firmware is known to put in varying namespaces. */
    public static final String ANY_NS = "*";

    private Xml() {
    }

    /** True when {@code node} is an element named {@code ns}:{@code local} ({@link #ANY_NS} matches all). */
    public static boolean is(Node node, String ns, String local) {
        return node instanceof Element
                && local.equals(node.getLocalName())
                && (ANY_NS.equals(ns) || ns.equals(node.getNamespaceURI()));
    }

    /** The first child element named {@code ns}:{@code local}. */
    public static Optional<Element> child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, ns, local)) {
                return Optional.of((Element) n);
            }
        }
        return Optional.empty();
    }

    /** All child elements named {@code ns}:{@code local}, in document order. */
    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, ns, local)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** All child elements, whatever their name. */
    public static List<Element> childElements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** The first element named {@code ns}:{@code local} at or below {@code root}, in document order. */
    public static Optional<Element> descendant(Element root, String ns, String local) {
        Node n = root;
        while (n != null) {
            if (is(n, ns, local)) {
                return Optional.of((Element) n);
            }
            n = next(root, n);
        }
        return Optional.empty();
    }

    /** All elements named {@code ns}:{@code local} below {@code root}, in document order. */
    public static List<Element> descendants(Element root, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = next(root, root); n != null; n = next(root, n)) {
            if (is(n, ns, local)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** The trimmed text of the first child named {@code ns}:{@code local}, or "" when absent. */
    public static String childText(Element parent, String ns, String local) {
        return child(parent, ns, local).map(Xml::text).orElse("");
    }

    /** The trimmed text content of {@code element}. */
    public static String text(Element element) {
        String t = element.getTextContent();
        return t == null ? "" : t.strip();
    }

    /** Follows a path of child names from {@code start}, all in namespace {@code ns}. */
    public static Optional<Element> path(Element start, String ns, String... locals) {
        Optional<Element> at = Optional.of(start);
        for (String local : locals) {
            at = at.flatMap(e -> child(e, ns, local));
        }
        return at;
    }

    /** Escapes text for element content and double-quoted attribute values. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even as references; drop them.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Iterative pre-order walk, so no recursion depth depends on the input. */
    private static Node next(Node root, Node n) {
        if (n.getFirstChild() != null) {
            return n.getFirstChild();
        }
        while (n != null && n != root) {
            if (n.getNextSibling() != null) {
                return n.getNextSibling();
            }
            n = n.getParentNode();
        }
        return null;
    }
}
