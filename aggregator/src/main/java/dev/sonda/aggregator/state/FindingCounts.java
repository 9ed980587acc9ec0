package dev.sonda.aggregator.state;

import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Finding counts by status and, within each status, by severity.
 *
 * @param byStatus findings per status; every status is present, zero included
 * @param byStatusAndSeverity findings per status and severity; only non-zero pairs are present
 */
public record FindingCounts(long total, Map<FindingStatus, Long> byStatus,
        Map<FindingStatus, Map<Severity, Long>> byStatusAndSeverity) {

    public static final FindingCounts EMPTY = new Builder().build();

    public FindingCounts {
        byStatus = Collections.unmodifiableMap(withAllStatuses(byStatus == null ? Map.of() : byStatus));
        byStatusAndSeverity = byStatusAndSeverity == null ? Map.of() : copy(byStatusAndSeverity);
    }

    public long count(FindingStatus status, Severity severity) {
        return byStatusAndSeverity.getOrDefault(status, Map.of()).getOrDefault(severity, 0L);
    }

    private static Map<FindingStatus, Long> withAllStatuses(Map<FindingStatus, Long> counts) {
        Map<FindingStatus, Long> all = new EnumMap<>(FindingStatus.class);
        for (FindingStatus status : FindingStatus.values()) {
            all.put(status, counts.getOrDefault(status, 0L));
        }
        return all;
    }

    private static Map<FindingStatus, Map<Severity, Long>> copy(Map<FindingStatus, Map<Severity, Long>> source) {
        Map<FindingStatus, Map<Severity, Long>> copy = new EnumMap<>(FindingStatus.class);
        source.forEach((status, bySeverity) -> {
            if (!bySeverity.isEmpty()) {
                copy.put(status, Collections.unmodifiableMap(new EnumMap<>(bySeverity)));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Accumulates counts; not thread-safe. */
    public static final class Builder {

        private final Map<FindingStatus, Map<Severity, Long>> counts = new EnumMap<>(FindingStatus.class);

        public Builder add(FindingStatus status, Severity severity, long count) {
            if (count != 0) {
                counts.computeIfAbsent(status, s -> new EnumMap<>(Severity.class)).merge(severity, count, Long::sum);
            }
            return this;
        }

        public Builder add(FindingCounts other) {
            other.byStatusAndSeverity().forEach((status, bySeverity) ->
                    bySeverity.forEach((severity, count) -> add(status, severity, count)));
            return this;
        }

        public FindingCounts build() {
            Map<FindingStatus, Long> byStatus = new EnumMap<>(FindingStatus.class);
            long total = 0;
            for (var entry : counts.entrySet()) {
                long sum = entry.getValue().values().stream().mapToLong(Long::longValue).sum();
                byStatus.put(entry.getKey(), sum);
                total += sum;
            }
            return new FindingCounts(total, byStatus, counts);
        }
    }
}
