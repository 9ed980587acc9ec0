package dev.sonda.aggregator.topology;

/**
 * Keys of the state stores. Every part before the last is free of {@code |} (account ids are
 * digits, regions, probes, result ids and scan ids follow the message schemas' patterns), so a
 * prefix ending in {@code |} selects exactly one parent's entries, and zero-padded indices keep
 * them in order.
 */
public final class StoreKeys {

    private StoreKeys() {
    }

    /** Prefix of every result key of one account in the result-headers store. */
    public static String accountPrefix(String accountId) {
        return accountId + "|";
    }

    /** Prefix of one result's findings in the result-findings store. */
    public static String findingPrefix(String resultKey) {
        return resultKey + "|";
    }

    public static String findingKey(String resultKey, int index) {
        return resultKey + "|" + String.format("%08d", index);
    }

    static String chunkKey(String resultId, int chunkIndex) {
        return resultId + "|" + String.format("%06d", chunkIndex);
    }

    static String scanTaskKey(String scanId, String taskId) {
        return scanId + "|" + taskId;
    }

    static String scanTaskPrefix(String scanId) {
        return scanId + "|";
    }
}
