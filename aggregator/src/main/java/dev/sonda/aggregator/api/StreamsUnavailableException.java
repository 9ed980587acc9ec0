package dev.sonda.aggregator.api;

/** The state stores cannot be queried now: Kafka Streams is starting, rebalancing or stopped. */
public class StreamsUnavailableException extends RuntimeException {

    public StreamsUnavailableException(String message) {
        super(message);
    }

    public StreamsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
