package dev.sonda.cli;

/** The scheduler rejected a scan request as invalid, for example because of a broken inventory. */
final class ScanRejectedException extends RuntimeException {

    ScanRejectedException(String message) {
        super(message);
    }
}
