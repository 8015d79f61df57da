package dev.gridexec.kernel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitRequestTest {

    @Test
    void indexedMakesExactlyTheChunksAskedInIndexOrder() {
        assertThat(new SplitRequest(4, 7).indexed(i -> "chunk " + i)).containsExactly("chunk 0", "chunk 1", "chunk 2", "chunk 3");
        assertThat(new SplitRequest(1, 7).indexed(Integer::valueOf)).containsExactly(0);
    }

    @Test
    void fewerThanOneChunkIsRefused() {
        assertThatThrownBy(() -> new SplitRequest(0, 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
