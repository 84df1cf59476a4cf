package com.truustrules.action;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What an {@link ActionType}'s check may look at besides the settings.
 *
 * @param dir the rules folder (pools/ and templates/ are beside the rule files)
 * @param environment the environment variables, so that env: references are checked before they are needed
 * @param warnings where a finding goes that does not stop the load (a long SMS, a literal credential)
 */
public record LoadCheck(Path dir, Function<String, String> environment, Consumer<String> warnings) {
}
