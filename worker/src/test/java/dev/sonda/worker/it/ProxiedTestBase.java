package dev.sonda.worker.it;

import dev.sonda.testkit.SharedMoto;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.FaultRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the worker's integration tests that build an estate in the shared moto server and add
 * rules to the shared proxy in front of it. Each test's rules are removed when the test ends,
 * because every test class of the module uses the same proxy.
 */
abstract class ProxiedTestBase {

    protected final FaultProxy proxy = SharedMoto.proxy();
    private final List<FaultRule> rules = new ArrayList<>();

    /** Adds a proxy rule that this test removes when it ends. */
    protected FaultRule addRule(FaultRule rule) {
        rules.add(rule);
        return proxy.addRule(rule);
    }

    /** Adds proxy rules, in this order, that this test removes when it ends. */
    protected void addRules(FaultRule... added) {
        for (FaultRule rule : added) {
            addRule(rule);
        }
    }

    /** Adds proxy rules, in this order, that this test removes when it ends. */
    protected void addRules(List<FaultRule> added) {
        added.forEach(this::addRule);
    }

    @AfterEach
    void removeRules() {
        rules.forEach(proxy::removeRule);
    }
}
