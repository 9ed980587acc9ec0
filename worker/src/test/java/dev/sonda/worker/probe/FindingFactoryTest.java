package dev.sonda.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingFactoryTest {

    @Test
    void smallEvidenceIsKept() {
        assertThat(FindingFactory.capEvidence(Map.of("a", "b", "n", 1))).containsOnlyKeys("a", "n");
    }

    @Test
    void longValuesAreCutAndMarked() {
        Map<String, Object> capped = FindingFactory.capEvidence(Map.of("policy", "x".repeat(5000)));

        assertThat((String) capped.get("policy")).hasSize(FindingFactory.MAX_EVIDENCE_VALUE_CHARS).endsWith("...");
        assertThat(capped).containsEntry(FindingFactory.TRUNCATED, true);
    }

    @Test
    void evidencePastTheTotalCapIsDropped() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            evidence.put("key" + i, "v".repeat(1000));
        }

        Map<String, Object> capped = FindingFactory.capEvidence(evidence);

        int total = capped.entrySet().stream()
                .mapToInt(entry -> entry.getKey().length() + String.valueOf(entry.getValue()).length())
                .sum();
        assertThat(total).isLessThan(FindingFactory.MAX_EVIDENCE_CHARS + 100);
        assertThat(capped).containsEntry(FindingFactory.TRUNCATED, true).containsKey("key0");
    }
}
