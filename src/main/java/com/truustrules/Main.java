package com.truustrules;

import com.truustrules.cli.HealthProbe;
import com.truustrules.cli.RulesCli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service, or runs a command (validate, test, help, version) or the health probe without
 * starting anything: no server, no database, no ./data.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0 && HealthProbe.COMMAND.equals(args[0])) {
            System.exit(new HealthProbe(System.out).run(args));
        }
        // Any leading option is answered here: the service takes none, and starting it for a typo would migrate ./data.
        if (RulesCli.handles(args)) {
            System.exit(new RulesCli(System.out, System.err).run(args));
        }
        Quarkus.run(args);
    }
}
