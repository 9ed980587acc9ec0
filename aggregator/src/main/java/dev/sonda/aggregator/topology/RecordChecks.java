package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.inventory.AccountInventory;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import dev.sonda.contracts.catalog.ProbeDefinition;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ScanAnnouncement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a schema-valid record must also meet before it may change state. Any client that can
 * write to {@code sonda.results} or {@code sonda.scans} can send any valid message, so each rule closes a way
 * in which one record could corrupt state for good. Each method returns the reason a record breaks
 * a rule, for the {@code dead-letter-reason} header, or {@code null} when it meets them all.
 * Thread-safe.
 */
final class RecordChecks {

    /** Maximum number of characters of a record key that a reason quotes, because keys may be of any size. */
    private static final int MAX_QUOTED_KEY_CHARS = 64;

    private final Duration clockSkew;
    private final AccountInventory inventory;
    /** Control ids of each probe of the catalog. */
    private final Map<String, Set<String>> probeControls;

    RecordChecks(Duration clockSkew, Catalog catalog, AccountInventory inventory) {
        this.clockSkew = clockSkew;
        this.inventory = inventory;
        this.probeControls = catalog.probes().values().stream().collect(Collectors.toUnmodifiableMap(
                ProbeDefinition::name,
                probe -> probe.controls().stream().map(ControlDefinition::id).collect(Collectors.toUnmodifiableSet())));
    }

    /**
     * Returns why a result chunk must be rejected, or {@code null}. The checks, in order: the record
     * key is the account id, the probe is in the catalog, the account is in the inventory (when one
     * is set), no timestamp lies more than the clock skew ahead of {@code now}, and
     * {@code completedAt} is not before {@code startedAt}.
     */
    String rejectChunk(byte[] key, ProbeResultChunk chunk, Instant now) {
        String accountId = chunk.account().id();
        if (!keyEquals(key, accountId)) {
            return "Record key " + quote(key) + " is not the account id " + accountId + " of result "
                    + chunk.resultId() + "; records on " + Topics.RESULTS + " must be keyed by their account id";
        }
        if (!probeControls.containsKey(chunk.probe())) {
            return "Probe " + chunk.probe() + " of result " + chunk.resultId()
                    + " is not in the aggregator's catalog, so its findings cannot be scored; deploy an aggregator"
                    + " built with the same catalog as the workers";
        }
        if (!inventory.contains(accountId)) {
            return "Account " + accountId + " of result " + chunk.resultId() + " is not in the aggregator's inventory "
                    + inventory.file().map(Object::toString).orElse("") + " (sonda.aggregator.inventory); add the"
                    + " account to the inventory or stop scanning it";
        }
        String ahead = firstAhead(now, "result " + chunk.resultId(), List.of(
                Map.entry("scanRequestedAt", chunk.scanRequestedAt()),
                Map.entry("startedAt", chunk.startedAt()),
                Map.entry("completedAt", chunk.completedAt())));
        if (ahead != null) {
            return ahead;
        }
        if (chunk.completedAt().isBefore(chunk.startedAt())) {
            return "completedAt " + chunk.completedAt() + " of result " + chunk.resultId() + " is before its startedAt "
                    + chunk.startedAt();
        }
        return null;
    }

    /**
     * Returns why an announcement must be rejected, or {@code null}. The checks, in order: the record
     * key is the scan id, {@code requestedAt} lies no more than the clock skew ahead of {@code now},
     * and the deadline is not before {@code requestedAt}.
     */
    String rejectAnnouncement(byte[] key, ScanAnnouncement announcement, Instant now) {
        String scanId = announcement.scanId();
        if (!keyEquals(key, scanId)) {
            return "Record key " + quote(key) + " is not the scan id " + scanId + " of the announcement; records on "
                    + Topics.SCANS + " must be keyed by their scan id";
        }
        String ahead = firstAhead(now, "scan " + scanId, List.of(Map.entry("requestedAt", announcement.requestedAt())));
        if (ahead != null) {
            return ahead;
        }
        if (announcement.deadline().isBefore(announcement.requestedAt())) {
            return "deadline " + announcement.deadline() + " of scan " + scanId + " is before its requestedAt "
                    + announcement.requestedAt();
        }
        return null;
    }

    /**
     * Returns why a repeated announcement of a scan must be rejected: the fields in which it differs
     * from the first announcement. Returns {@code null} for an identical repeat, which is harmless.
     */
    static String rejectRepeat(ScanAnnouncement first, ScanAnnouncement repeat) {
        List<String> differences = new ArrayList<>();
        compare(differences, "trigger", first.trigger(), repeat.trigger());
        compare(differences, "requestedAt", first.requestedAt(), repeat.requestedAt());
        compare(differences, "deadline", first.deadline(), repeat.deadline());
        compare(differences, "expectedTasks", first.expectedTasks(), repeat.expectedTasks());
        compare(differences, "accountCount", first.accountCount(), repeat.accountCount());
        compare(differences, "probes", first.probes(), repeat.probes());
        compare(differences, "schemaVersion", first.schemaVersion(), repeat.schemaVersion());
        if (differences.isEmpty()) {
            return null;
        }
        return "Scan " + first.scanId() + " was already announced with other values (" + String.join(", ", differences)
                + "); the first announcement stays in effect";
    }

    /** Returns whether a finding of this control may count in a result of this probe. */
    boolean isControlOf(String probe, String controlId) {
        Set<String> controls = probeControls.get(probe);
        return controls != null && controls.contains(controlId);
    }

    /** Returns whether a stored time lies more than the clock skew ahead of {@code now}. */
    boolean isAhead(Instant time, Instant now) {
        return time != null && time.isAfter(now.plus(clockSkew));
    }

    private String firstAhead(Instant now, String subject, List<Map.Entry<String, Instant>> fieldTimes) {
        for (Map.Entry<String, Instant> fieldTime : fieldTimes) {
            Instant time = fieldTime.getValue();
            if (isAhead(time, now)) {
                return fieldTime.getKey() + " " + time + " of " + subject + " is more than the allowed clock skew of "
                        + clockSkew + " (sonda.aggregator.clock-skew) ahead of the aggregator's clock, " + now
                        + "; check the clocks of the scheduler and workers";
            }
        }
        return null;
    }

    private static void compare(List<String> differences, String field, Object first, Object repeat) {
        if (!Objects.equals(first, repeat)) {
            differences.add(field + " " + repeat + " instead of " + first);
        }
    }

    private static boolean keyEquals(byte[] key, String expected) {
        return key != null && new String(key, StandardCharsets.UTF_8).equals(expected);
    }

    /** Quotes an untrusted key for a reason: cut to a bounded length, control characters replaced. */
    static String quote(byte[] key) {
        if (key == null) {
            return "(none)";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        boolean cut = text.length() > MAX_QUOTED_KEY_CHARS;
        if (cut) {
            text = text.substring(0, MAX_QUOTED_KEY_CHARS);
        }
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> quoted.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return quoted.append(cut ? "...\"" : "\"").toString();
    }
}
