package com.truustrules.console.samples;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;

/** The event list's "Send a sample webhook" buttons: some in dev and test builds, none in production. */
@ApplicationScoped
public class SampleButtons {

    @Inject
    Instance<SampleFiles> files;

    public List<String> names() {
        return files.isResolvable() ? files.get().names() : List.of();
    }
}
