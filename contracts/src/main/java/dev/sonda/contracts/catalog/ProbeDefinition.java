package dev.sonda.contracts.catalog;

import dev.sonda.contracts.messages.ProbeScope;
import java.util.List;

/** A probe: the controls of one AWS service, run once per account or once per region. */
public record ProbeDefinition(String name, String service, ProbeScope scope, List<ControlDefinition> controls) {

    public ProbeDefinition {
        controls = List.copyOf(controls);
    }
}
