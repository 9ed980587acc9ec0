package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.state.ScanEvent;

/**
 * Output of the decoding processors: either the original bytes of a rejected record, bound for the
 * dead-letter topic with the reason in the record's headers, or a scan event.
 */
record Emitted(byte[] deadLetterValue, ScanEvent scanEvent) {

    static Emitted deadLetter(byte[] originalValue) {
        return new Emitted(originalValue == null ? new byte[0] : originalValue, null);
    }

    static Emitted scanEvent(ScanEvent event) {
        return new Emitted(null, event);
    }

    boolean isDeadLetter() {
        return deadLetterValue != null;
    }
}
