package dev.sonda.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ScanAnnouncement;
import dev.sonda.contracts.messages.ScanTask;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void taskRoundTrip() {
        ScanTask task = Samples.task();

        ScanTask decoded = codec.decode(codec.encode(task), MessageType.SCAN_TASK);

        assertThat(decoded).isEqualTo(task);
    }

    @Test
    void announcementRoundTrip() {
        ScanAnnouncement announcement = new ScanAnnouncement(1, "scan-1", "API", Samples.REQUESTED,
                Samples.REQUESTED.plusSeconds(60), 12, 3, List.of("sqs", "iam"));

        ScanAnnouncement decoded = codec.decode(codec.encode(announcement), MessageType.SCAN_ANNOUNCEMENT);

        assertThat(decoded).isEqualTo(announcement);
    }

    @Test
    void resultChunkRoundTrip() {
        ProbeResultChunk chunk = new ResultChunker(codec, ResultChunker.DEFAULT_MAX_CHUNK_BYTES)
                .split(Samples.result(3, 10)).get(0);

        ProbeResultChunk decoded = codec.decode(codec.encode(chunk), MessageType.PROBE_RESULT_CHUNK);

        assertThat(decoded).isEqualTo(chunk);
    }

    @Test
    void malformedJsonRejected() {
        assertThatThrownBy(() -> codec.decode("{\"schemaVersion\": 1,".getBytes(StandardCharsets.UTF_8),
                MessageType.SCAN_TASK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("Message is not valid JSON");
    }

    @Test
    void emptyPayloadRejected() {
        assertThatThrownBy(() -> codec.decode(new byte[0], MessageType.SCAN_TASK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("Message is empty");
    }

    @Test
    void jsonArrayRejected() {
        assertThatThrownBy(() -> codec.decode("[1,2]", MessageType.SCAN_TASK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("Message is not a JSON object");
    }

    @Test
    void missingSchemaVersionRejected() {
        ObjectNode tree = codec.mapper().valueToTree(Samples.task());
        tree.remove("schemaVersion");

        assertThatThrownBy(() -> codec.decode(tree.toString(), MessageType.SCAN_TASK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("Message has no schemaVersion field");
    }

    @Test
    void unknownSchemaVersionRejected() {
        ObjectNode tree = codec.mapper().valueToTree(Samples.task());
        tree.put("schemaVersion", 7);

        assertThatThrownBy(() -> codec.decode(tree.toString(), MessageType.SCAN_TASK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("Unsupported schemaVersion 7; this build reads [1]");
    }

    @Test
    void schemaViolationNamesField() {
        ObjectNode tree = codec.mapper().valueToTree(Samples.task());
        ((ObjectNode) tree.get("account")).put("id", "not-an-account");

        assertThatThrownBy(() -> codec.decode(tree.toString(), MessageType.SCAN_TASK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("/account/id");
    }

    @Test
    void taskWithCredentialsRejected() {
        ObjectNode tree = codec.mapper().valueToTree(Samples.task());
        ((ObjectNode) tree.get("account")).put("secretAccessKey", "abc");

        assertThatThrownBy(() -> codec.decode(tree.toString(), MessageType.SCAN_TASK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("/account");
    }

    @Test
    void unknownFieldIgnored() {
        ObjectNode tree = codec.mapper().valueToTree(Samples.task());
        tree.put("addedLater", "value");

        ScanTask decoded = codec.decode(tree.toString(), MessageType.SCAN_TASK);

        assertThat(decoded).isEqualTo(Samples.task());
    }

    @Test
    void invalidTimestampRejected() {
        ObjectNode tree = codec.mapper().valueToTree(Samples.task());
        tree.put("deadline", "tomorrow");

        assertThatThrownBy(() -> codec.decode(tree.toString(), MessageType.SCAN_TASK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("deadline");
    }

    @Test
    void firstChunkWithoutSummaryRejected() {
        ProbeResultChunk chunk = new ResultChunker(codec, ResultChunker.DEFAULT_MAX_CHUNK_BYTES)
                .split(Samples.result(1, 10)).get(0);
        ObjectNode tree = codec.mapper().valueToTree(chunk);
        tree.remove("summary");

        assertThatThrownBy(() -> codec.decode(tree.toString(), MessageType.PROBE_RESULT_CHUNK))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("summary");
    }
}
