package com.truustrules.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The packaged application as a child process on a free loopback port: the native runner when the
 * last build made one (as target/quarkus-artifact.properties says), else the JVM jar.
 */
public final class AppProcess implements AutoCloseable {

    private static final Path TARGET = Path.of("target");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;
    private final Thread reaper;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        // Should the test JVM itself be stopped, the child goes with it.
        this.reaper = new Thread(process::destroyForcibly, "app-process-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts the application with these settings (as -D options) and its output going to log. */
    public static AppProcess start(Map<String, String> config, Path log) throws IOException {
        return start(config, Map.of(), log);
    }

    /** Starts the application with these settings, these environment variables, and its output going to log. */
    public static AppProcess start(Map<String, String> config, Map<String, String> env, Path log) throws IOException {
        return launch(null, config, env, log);
    }

    /**
     * Starts this packaged jar (e.g. a kept copy of a build's target/quarkus-app) rather than the last
     * build's artifact, so that one run can use builds made with different profiles.
     */
    public static AppProcess start(Path jar, Map<String, String> config, Map<String, String> env, Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged application at " + jar.toAbsolutePath());
        }
        return launch(jar, config, env, log);
    }

    private static AppProcess launch(Path jar, Map<String, String> config, Map<String, String> env, Path log) throws IOException {
        // docker/test.sh points the ITs at a running container (quarkus.http.test-host); a test that
        // starts processes of its own is not about that container, and docker/test.sh checks restarts.
        Assumptions.assumeTrue(System.getProperty("quarkus.http.test-host") == null,
                "starts its own application process; skipped while the ITs run against a container");
        int port = freePort();
        List<String> settings = new ArrayList<>(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        config.forEach((key, value) -> settings.add("-D" + key + "=" + value));
        List<String> command = jar == null ? command(settings) : jvmCommand(jar.toAbsolutePath().toString(), settings);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Only the given settings count: none may leak in from the environment of the build.
        builder.environment().keySet().removeIf(name -> name.startsWith("TRUUST_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        return new AppProcess(builder.start(), log, port);
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
    }

    /** Waits until /q/health/ready answers 200; fails with the log when the process ends or time runs out. */
    public AppProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application ended with " + process.exitValue() + ":\n" + log());
            }
            if (ready()) {
                return this;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the application was not ready within " + timeout + ":\n" + log());
    }

    /** Waits for the process to end by itself; its exit code, or -1 when it was still running and got killed. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    /**
     * SIGTERM, as an orchestrator stops a service: it finishes and closes its database. The end of a
     * run whose tables are then read: on H2, work that is simply redone after a crash (rule runs, job
     * claims) reaches the file within H2's write delay, so a kill could undo the last of it.
     */
    public void stop() throws InterruptedException {
        process.destroy();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook does the same job.
        }
    }

    private boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> command(List<String> settings) throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        String path = TARGET.resolve(artifact.getProperty("path")).toAbsolutePath().toString();
        if (!"native".equals(artifact.getProperty("type"))) {
            return jvmCommand(path, settings);
        }
        List<String> command = new ArrayList<>();
        command.add(path);
        command.addAll(settings);
        return command;
    }

    private static List<String> jvmCommand(String jar, List<String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings);
        command.addAll(List.of("-jar", jar));
        return command;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
