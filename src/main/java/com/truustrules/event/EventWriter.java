package com.truustrules.event;

import com.truustrules.config.TruustConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Group commit: concurrent calls queue their event here, one thread writes whatever has queued
 * up in one transaction and completes every call's future only after that commit. Throughput
 * comes from sharing the commit, never from acknowledging before it.
 */
@Startup
@ApplicationScoped
public class EventWriter {

    private static final Logger LOG = Logger.getLogger(EventWriter.class);

    private record Pending(NewEvent event, CompletableFuture<StoredEvent> result) {
    }

    @Inject
    EventStore store;

    @Inject
    TruustConfig config;

    @Inject
    MeterRegistry metrics;

    private BlockingQueue<Pending> queue;
    private Thread thread;
    private volatile boolean running = true;

    @PostConstruct
    void start() {
        queue = new ArrayBlockingQueue<>(config.storage().queueCapacity());
        thread = new Thread(this::run, "event-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Completes with the stored event once committed, or with StorageUnavailableException. */
    public CompletableFuture<StoredEvent> submit(NewEvent event) {
        Pending pending = new Pending(event, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            pending.result().completeExceptionally(new StorageUnavailableException("too many events waiting for storage", null));
        }
        return pending.result();
    }

    private void run() {
        int batchSize = config.storage().batchSize();
        long delay = config.storage().commitDelay().toNanos();
        List<Pending> batch = new ArrayList<>(batchSize);
        int previous = 0;
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    previous = 0;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                if (previous > 1 && running) {
                    gather(batch, batchSize, delay);
                }
                // How many calls share a commit: the lever of ingest throughput, worth watching.
                metrics.summary("truust.ingest.batch.size").record(batch.size());
                previous = batch.size();
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds calls that arrive within the delay, up to a full batch. */
    private void gather(List<Pending> batch, int batchSize, long delayNanos) throws InterruptedException {
        long deadline = System.nanoTime() + delayNanos;
        while (batch.size() < batchSize) {
            Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        List<StoredEvent> outcomes;
        try {
            outcomes = store.store(batch.stream().map(Pending::event).toList());
        } catch (Exception e) {
            LOG.warnf("could not store %d event(s): %s", batch.size(), e.getMessage());
            StorageUnavailableException failure = new StorageUnavailableException("storage is unavailable", e);
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(outcomes.get(i));
        }
    }
}
