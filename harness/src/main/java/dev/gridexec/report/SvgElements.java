package dev.gridexec.report;

import java.util.Locale;

/** The SVG elements {@link SvgReport} draws with: markers, lines, text, numbers and escaping, as SVG text. */
final class SvgElements {

    private SvgElements() {
    }

    /** A marker whose shape follows the line's index, so that lines differ without colour too. */
    static String marker(int index, double cx, double cy, String stroke, String fill, String content) {
        String paint = " fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"1.5\"";
        switch (index % 4) {
            case 0:
                return "<circle cx=\"" + coordinate(cx) + "\" cy=\"" + coordinate(cy) + "\" r=\"4.5\"" + paint + ">"
                        + content + "</circle>";
            case 1:
                return "<rect x=\"" + coordinate(cx - 4) + "\" y=\"" + coordinate(cy - 4) + "\" width=\"8\" height=\"8\""
                        + paint + ">" + content + "</rect>";
            case 2:
                return "<path d=\"" + path(cx, cy - 5, cx + 5, cy + 4, cx - 5, cy + 4) + "\"" + paint + ">" + content
                        + "</path>";
            default:
                return "<path d=\"" + path(cx, cy - 5.5, cx + 5.5, cy, cx, cy + 5.5, cx - 5.5, cy) + "\"" + paint + ">"
                        + content + "</path>";
        }
    }

    /** A closed path through the points given as x, y pairs. */
    static String path(double... xy) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            d.append(i == 0 ? "M" : " L").append(coordinate(xy[i])).append(',').append(coordinate(xy[i + 1]));
        }
        return d.append(" Z").toString();
    }

    static String line(double x1, double y1, double x2, double y2, String attributes) {
        return "<line x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" + coordinate(x2) + "\" y2=\""
                + coordinate(y2) + "\" " + attributes + "/>";
    }

    static String text(double x, double y, String attributes, String content) {
        return "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" " + attributes + ">" + escape(content)
                + "</text>";
    }

    static String coordinate(double value) {
        return Texts.number(value, 1, Locale.ROOT);
    }

    /** {@code text} safe inside XML text and attribute values; characters XML 1.0 forbids are dropped. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (ch >= 0x20 && ch != 0xFFFE && ch != 0xFFFF || ch == '\t' || ch == '\n' || ch == '\r') {
                        escaped.append(ch);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
