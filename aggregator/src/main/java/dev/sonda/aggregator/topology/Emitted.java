package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.state.ScanEvent;

/**
 * Output of the decoding processors: either a rejected record bound for the dead-letter topic, with
 * its original value (which is {@code null} for a tombstone) and the reason in the record's headers,
 * or a scan event.
 */
record Emitted(boolean isDeadLetter, byte[] deadLetterValue, ScanEvent scanEvent) {

    static Emitted deadLetter(byte[] originalValue) {
        return new Emitted(true, originalValue, null);
    }

    static Emitted scanEvent(ScanEvent event) {
        return new Emitted(false, null, event);
    }
}
