package dev.gridexec.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.wire.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds strings in a task that are not text: a NUL character or a lone UTF-16 surrogate (which JSON's
 * {@code \u0000} and {@code \ud800} escapes can write but no encoding can carry onwards), in values and in keys.
 */
final class TextCheck {

    private TextCheck() {
    }

    /** One problem per string that is not text, its path as messages name fields ({@code params.tag[1]}). */
    static List<Problem> problems(JsonNode root) {
        List<Problem> problems = new ArrayList<>();
        walk(root, "", problems);
        return problems;
    }

    private static void walk(JsonNode node, String path, List<Problem> problems) {
        if (node.isTextual()) {
            check(node.textValue(), path, problems);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (check(field.getKey(), printable(child), problems)) {
                    walk(field.getValue(), child, problems);
                }
            }
        }
    }

    /** Adds a problem when {@code text} holds a NUL or a lone surrogate; says whether it is text. */
    private static boolean check(String text, String path, List<Problem> problems) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                problems.add(new Problem(printable(path), "must be text, but holds a NUL character (\\u0000) at character " + (i + 1)));
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                problems.add(new Problem(printable(path), String.format("must be text, but holds a lone surrogate (\\u%04x) at"
                        + " character %d; write characters outside the BMP as a pair or as UTF-8", (int) c, i + 1)));
                return false;
            }
        }
        return true;
    }

    /** A path that can itself be shown: NULs and lone surrogates in keys written as escapes. */
    private static String printable(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1));
            if (pair) {
                out.append(c).append(path.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
