package dev.gridexec.remote;

/**
 * One Server-Sent Event.
 *
 * @param type the {@code event:} field, {@code message} when the event named none
 * @param data the {@code data:} lines joined with {@code \n}
 * @param id   the last {@code id:} seen on the stream, empty for none
 */
public record SseEvent(String type, String data, String id) {
}
