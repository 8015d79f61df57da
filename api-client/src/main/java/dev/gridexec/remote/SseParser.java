package dev.gridexec.remote;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Server-Sent Events framing, fed bytes as they arrive and handing out each event once its blank line
 * has come. Follows the WHATWG rules: lines end with CRLF, LF or CR (a CRLF may be split across two
 * feeds); {@code :} starts a comment (heartbeats); {@code field: value} loses one space after the
 * colon; several {@code data:} lines join with {@code \n}; an event without any {@code data:} line is
 * not dispatched; an unfinished event at the end of the stream is dropped. Not thread-safe.
 */
public final class SseParser {

    private static final String DEFAULT_TYPE = "message";

    private final Consumer<SseEvent> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean afterCarriageReturn;
    private boolean firstLine = true;
    private boolean hasData;
    private String type = "";
    private String lastId = "";

    public SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    /** Consumes every remaining byte of {@code bytes}. */
    public void feed(ByteBuffer bytes) {
        byte[] chunk;
        int from;
        int to;
        if (bytes.hasArray()) {
            chunk = bytes.array();
            from = bytes.arrayOffset() + bytes.position();
            to = bytes.arrayOffset() + bytes.limit();
        } else {
            chunk = new byte[bytes.remaining()];
            bytes.duplicate().get(chunk);
            from = 0;
            to = chunk.length;
        }
        bytes.position(bytes.limit());
        feed(chunk, from, to);
    }

    /** Consumes {@code bytes}. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    private void feed(byte[] chunk, int from, int to) {
        int start = from;
        for (int i = from; i < to; i++) {
            byte b = chunk[i];
            if (b != '\n' && b != '\r') {
                continue;
            }
            line.write(chunk, start, i - start);
            start = i + 1;
            if (b == '\n' && afterCarriageReturn && i == from && line.size() == 0) {
                afterCarriageReturn = false; // the LF of a CRLF split across two feeds
                continue;
            }
            endLine();
            afterCarriageReturn = b == '\r';
            if (afterCarriageReturn && i + 1 < to && chunk[i + 1] == '\n') {
                afterCarriageReturn = false;
                start = ++i + 1;
            }
        }
        if (start < to) {
            afterCarriageReturn = false;
            line.write(chunk, start, to - start);
        }
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        firstLine = false;
        if (text.isEmpty()) {
            dispatch();
        } else if (text.charAt(0) != ':') {
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(text.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
            field(field, value);
        }
    }

    private void field(String field, String value) {
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            default -> {
                // "retry" and unknown fields: nothing to do for a client that does not reconnect by itself
            }
        }
    }

    private void dispatch() {
        if (hasData) {
            sink.accept(new SseEvent(type.isEmpty() ? DEFAULT_TYPE : type, data.toString(), lastId));
        }
        data.setLength(0);
        hasData = false;
        type = "";
    }
}
