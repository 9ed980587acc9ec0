package dev.sonda.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultChunkerTest {

    private final MessageCodec codec = new MessageCodec();
    private final ResultChunker chunker = new ResultChunker(codec, ResultChunker.DEFAULT_MAX_CHUNK_BYTES);

    @Test
    void smallResultIsOneChunk() {
        List<ProbeResultChunk> chunks = chunker.split(Samples.result(5, 10));

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).chunkCount()).isEqualTo(1);
        assertThat(chunks.get(0).summary()).isNotNull();
        assertThat(chunks.get(0).findings()).hasSize(5);
    }

    @Test
    void emptyResultIsOneChunk() {
        List<ProbeResultChunk> chunks = chunker.split(Samples.result(0, 0));

        assertThat(chunks).hasSize(1);
        assertThat(ResultChunker.assemble(chunks).findings()).isEmpty();
    }

    @Test
    void largeResultChunksStayUnderLimit() {
        ProbeResult result = Samples.result(10_000, 400);
        assertThat(codec.encodedSize(result)).isGreaterThan(4 * 1024 * 1024);

        List<ProbeResultChunk> chunks = chunker.split(result);

        assertThat(chunks.size()).isGreaterThan(16);
        for (ProbeResultChunk chunk : chunks) {
            assertThat(codec.encodedSize(chunk)).isLessThanOrEqualTo(ResultChunker.DEFAULT_MAX_CHUNK_BYTES);
            assertThat(chunk.chunkCount()).isEqualTo(chunks.size());
        }
        assertThat(chunks.stream().skip(1).allMatch(chunk -> chunk.summary() == null)).isTrue();
    }

    @Test
    void assembleRestoresResultInAnyOrder() {
        ProbeResult result = Samples.result(3_000, 300);
        List<ProbeResultChunk> chunks = new ArrayList<>(chunker.split(result));
        Collections.reverse(chunks);

        ProbeResult assembled = ResultChunker.assemble(chunks);

        assertThat(assembled).isEqualTo(result);
    }

    @Test
    void assembleRejectsMissingChunk() {
        List<ProbeResultChunk> chunks = new ArrayList<>(chunker.split(Samples.result(3_000, 300)));
        chunks.remove(1);

        assertThatThrownBy(() -> ResultChunker.assemble(chunks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected " + (chunks.size() + 1));
    }

    @Test
    void oversizedLogIsTrimmedAndCounted() {
        ProbeResult base = Samples.result(1, 10);
        List<dev.sonda.contracts.messages.ExecutionLogEntry> log = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            log.add(base.executionLog().get(0));
        }
        ProbeResult result = new ProbeResult(base.resultId(), base.taskId(), base.scanId(), base.scanRequestedAt(),
                base.account(), base.region(), base.probe(), base.startedAt(), base.completedAt(), base.outcome(),
                null, base.summary(), log, 0, base.findings());

        ProbeResultChunk first = chunker.split(result).get(0);

        assertThat(codec.encodedSize(first)).isLessThanOrEqualTo(ResultChunker.DEFAULT_MAX_CHUNK_BYTES);
        assertThat(first.executionLog().size() + first.executionLogDropped()).isEqualTo(5_000);
        assertThat(first.executionLogDropped()).isPositive();
    }
}
