package dev.gridexec.api;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading answers off a raw socket, for the tests that write requests no HTTP client would send. */
final class RawHttp {

    private RawHttp() {
    }

    /** Reads a response's status line and headers. */
    static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads one HTTP/1.1 response with a Content-Length: its head and body as text. */
    static String readResponse(InputStream in) throws Exception {
        String head = readHead(in);
        int length = head.lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no content-length in " + head));
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
