package com.truustrules.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The {@code health} command: asks a running service's liveness probe and exits 0 when it answers
 * 200. For a container HEALTHCHECK on an image that has a JDK but no curl; starts nothing itself.
 */
public final class HealthProbe {

    public static final String COMMAND = "health";

    private final PrintStream out;

    public HealthProbe(PrintStream out) {
        this.out = out;
    }

    /**
     * The container HEALTHCHECK's entry: {@code java -cp '/deployments/app/*' com.truustrules.cli.HealthProbe},
     * which loads this one class instead of the whole application's class path.
     */
    public static void main(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = COMMAND;
        System.arraycopy(args, 0, command, 1, args.length);
        System.exit(new HealthProbe(System.out).run(command));
    }

    /** {@code health [url]}: the URL defaults to /q/health/live on QUARKUS_HTTP_PORT (8080) of this host. */
    public int run(String... args) {
        String url = args.length > 1 ? args[1] : defaultUrl(System.getenv("QUARKUS_HTTP_PORT"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            out.println(url + " -> " + status);
            return status == 200 ? 0 : 1;
        } catch (java.io.IOException e) {
            out.println(url + " -> no answer: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static String defaultUrl(String port) {
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8080" : port.strip()) + "/q/health/live";
    }
}
