package com.truustrules.console.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What Truust's API said about an event, as its page shows it: the verdict in words (with the reason
 * a PENDING or UNCONFIRMED event keeps), and the order, buyer and seller the rules saw (pretty JSON).
 */
@RegisterForReflection
public record EnrichmentView(String state, String verdict, String reason, List<Fact> facts) {

    /** One of order, buyer, seller: its JSON, or a sentence when the API did not know it. */
    @RegisterForReflection
    public record Fact(String name, String json) {
    }
}
