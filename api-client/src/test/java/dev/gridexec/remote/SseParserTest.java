package dev.gridexec.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    private void feed(String text) {
        parser.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private void feedByteByByte(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            parser.feed(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    @Test
    void eventIsDispatchedOnlyOnceItsBlankLineArrives() {
        feed("event: progress\ndata: {\"done\":1}\n");
        assertThat(events).isEmpty();
        feed("\n");
        assertThat(events).containsExactly(new SseEvent("progress", "{\"done\":1}", ""));
    }

    @Test
    void severalDataLinesJoinWithNewlines() {
        feed("event: state\ndata: {\"a\":\ndata: 1}\ndata:\n\n");
        assertThat(events).containsExactly(new SseEvent("state", "{\"a\":\n1}\n", ""));
    }

    @Test
    void commentLinesAreHeartbeatsAndChangeNothing() {
        feed(": heartbeat\n\n:\nevent: end\n: in the middle\ndata: x\n\n");
        assertThat(events).containsExactly(new SseEvent("end", "x", ""));
    }

    @Test
    void crlfCrAndLfAllEndLinesEvenWhenSplitAcrossFeeds() {
        feedByteByByte("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n");
        assertThat(events).containsExactly(new SseEvent("a", "1", ""), new SseEvent("b", "2", ""),
                new SseEvent("message", "3", ""));
    }

    @Test
    void crlfSplitBetweenFeedsIsOneLineEnd() {
        feed("data: 1\r");
        feed("\n\r");
        feed("\ndata: 2\r\n\r\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("1", "2");
    }

    @Test
    void eventWithoutDataIsNotDispatchedAndItsTypeDoesNotLeakIntoTheNext() {
        feed("event: ping\n\ndata: after\n\n");
        assertThat(events).containsExactly(new SseEvent("message", "after", ""));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        feed("data:no space\n\ndata:  two spaces\n\ndata\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("no space", " two spaces", "");
    }

    @Test
    void lastIdIsCarriedAndUnknownFieldsAreIgnored() {
        feed("id: 7\nretry: 1000\nfoo: bar\ndata: a\n\ndata: b\n\n");
        assertThat(events).containsExactly(new SseEvent("message", "a", "7"), new SseEvent("message", "b", "7"));
    }

    @Test
    void unfinishedEventAtTheEndOfTheStreamIsNotDispatched() {
        feed("event: end\ndata: {}");
        assertThat(events).isEmpty();
    }

    @Test
    void multiByteCharactersSplitAcrossFeedsDecodeWhole() {
        feedByteByByte("\uFEFFdata: ×π€\n\n");
        assertThat(events).containsExactly(new SseEvent("message", "×π€", ""));
    }

    @Test
    void directBuffersAreReadToo() {
        byte[] bytes = "data: direct\n\n".getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        parser.feed(direct);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(events).extracting(SseEvent::data).containsExactly("direct");
    }
}
