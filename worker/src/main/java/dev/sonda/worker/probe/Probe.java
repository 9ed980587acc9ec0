package dev.sonda.worker.probe;

import dev.sonda.contracts.messages.Finding;
import java.util.List;

/**
 * The controls of one AWS service. A probe collects an immutable inventory with SDK calls and
 * hands it to pure checks, which decide each control without I/O.
 *
 * <p>Implementations return one finding per enabled control and resource, and make no API call
 * that only disabled controls need. They turn AWS errors into ERROR findings and never into PASS
 * or FAIL.
 */
public interface Probe {

    /** The probe's name in the catalog and in tasks, e.g. {@code sqs}. */
    String name();

    List<Finding> run(ProbeContext context);
}
