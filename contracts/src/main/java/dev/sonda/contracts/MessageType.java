package dev.sonda.contracts;

import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ScanAnnouncement;
import dev.sonda.contracts.messages.ScanTask;

/** The message kinds on Sonda's topics, with the schema file each is checked against. */
public enum MessageType {
    SCAN_TASK(ScanTask.class, "scan-task"),
    SCAN_ANNOUNCEMENT(ScanAnnouncement.class, "scan-announcement"),
    PROBE_RESULT_CHUNK(ProbeResultChunk.class, "probe-result-chunk");

    private final Class<?> javaType;
    private final String schemaName;

    MessageType(Class<?> javaType, String schemaName) {
        this.javaType = javaType;
        this.schemaName = schemaName;
    }

    public Class<?> javaType() {
        return javaType;
    }

    /** Classpath location of this type's schema for one schema version. */
    public String schemaResource(int schemaVersion) {
        return "/schemas/v" + schemaVersion + "/" + schemaName + ".schema.json";
    }
}
