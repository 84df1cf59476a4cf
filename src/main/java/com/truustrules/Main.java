package com.truustrules;

import com.truustrules.cli.HealthProbe;
import com.truustrules.cli.RulesCli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the service, or runs a rules command (validate, test) or the health probe without starting anything. */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0 && RulesCli.COMMANDS.contains(args[0])) {
            System.exit(new RulesCli(System.out, System.err).run(args));
        }
        if (args.length > 0 && HealthProbe.COMMAND.equals(args[0])) {
            System.exit(new HealthProbe(System.out).run(args));
        }
        Quarkus.run(args);
    }
}
