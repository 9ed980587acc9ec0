package dev.sonda.testkit;

import java.nio.file.Path;

/**
 * One broker per test JVM, started on first use and stopped when the JVM exits, so that test
 * classes do not each pay for a broker start.
 */
public final class SharedKafka {

    /** Partitions of each Sonda topic on the shared broker. */
    public static final int PARTITIONS = 3;

    private static EmbeddedKafka instance;

    private SharedKafka() {
    }

    public static synchronized EmbeddedKafka get() {
        if (instance == null) {
            Path directory = Path.of(System.getProperty("java.io.tmpdir"), "sonda-kafka");
            EmbeddedKafka kafka = EmbeddedKafka.launch(directory);
            kafka.createSondaTopics(PARTITIONS);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "sonda-kafka-shutdown"));
            instance = kafka;
        }
        return instance;
    }
}
