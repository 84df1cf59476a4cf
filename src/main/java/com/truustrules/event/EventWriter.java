package com.truustrules.event;

import com.truustrules.config.TruustConfig;
import com.truustrules.db.Durability;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Group commit: concurrent calls queue their event here, one thread writes whatever has queued
 * up in one transaction, and every call's future completes only once that commit is durable.
 * Throughput comes from sharing the commit, never from acknowledging before it.
 *
 * <p>Two threads, so that writing and making durable overlap: the writer commits a batch and hands
 * it to the flusher, which makes it durable (for H2, a checkpoint: most of a commit's cost, done by
 * H2's own threads) and then answers its calls, while the writer already commits the next batch. A
 * checkpoint covers every batch committed before it began, so the flusher answers all the batches
 * waiting for it at once.
 */
@Startup
@ApplicationScoped
public class EventWriter {

    private static final Logger LOG = Logger.getLogger(EventWriter.class);

    private record Pending(NewEvent event, CompletableFuture<StoredEvent> result) {
    }

    /** A committed batch waiting to be made durable before its calls are answered. */
    private record Committed(List<Pending> calls, EventStore.Stored stored) {
    }

    @Inject
    EventStore store;

    @Inject
    Durability durability;

    @Inject
    EventProcessor processor;

    @Inject
    TruustConfig config;

    @Inject
    MeterRegistry metrics;

    private BlockingQueue<Pending> queue;
    private final BlockingQueue<Committed> committed = new LinkedBlockingQueue<>();
    private Thread writer;
    private Thread flusher;
    private volatile boolean running = true;
    private volatile boolean writing = true;
    private volatile long writerBusySince;
    private volatile long flusherBusySince;
    /** A test seam: the next batch fails with this instead of being stored. */
    private volatile Error failNext;

    @PostConstruct
    void start() {
        queue = new ArrayBlockingQueue<>(config.storage().queueCapacity());
        writer = daemon(this::write, "event-writer");
        flusher = daemon(this::flush, "event-flusher");
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(10));
        writing = false;
        flusher.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** The writer and flusher threads with when each began its current batch (0: waiting): for liveness. */
    public List<PipelineThread> threads() {
        return List.of(new PipelineThread(writer, writerBusySince), new PipelineThread(flusher, flusherBusySince));
    }

    /** A test seam: the next batch fails with this Error, as an out-of-memory in the middle of a commit would. */
    void failNextBatch(Error error) {
        failNext = error;
    }

    /** Completes with the stored event once its commit is durable, or with StorageUnavailableException. */
    public CompletableFuture<StoredEvent> submit(NewEvent event) {
        Pending pending = new Pending(event, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            pending.result().completeExceptionally(new StorageUnavailableException("too many events waiting for storage", null));
        }
        return pending.result();
    }

    private void write() {
        int batchSize = config.storage().batchSize();
        while (running || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>(Math.min(batchSize, 64));
            try {
                writerBusySince = 0;
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writerBusySince = System.currentTimeMillis();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                // How many calls share a commit: the lever of ingest throughput, worth watching.
                metrics.summary("truust.ingest.batch.size").record(batch.size());
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // An Error (out of memory, a stack overflow in a rule) must not end ingest for good: the
                // batch's calls get 503 and the next batch is written as if nothing happened.
                survive("event-writer", e);
                fail(batch, e);
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (failNext != null) {
            Error injected = failNext;
            failNext = null;
            throw injected;
        }
        try {
            committed.add(new Committed(batch, store.store(batch.stream().map(Pending::event).toList(),
                    processor.inline() ? processor::processNew : null)));
        } catch (Exception e) {
            LOG.warnf(e, "could not store %d event(s), answered 503", batch.size());
            fail(batch, e);
        }
    }

    private void flush() {
        List<Committed> ready = new ArrayList<>();
        while (writing || !committed.isEmpty()) {
            try {
                flusherBusySince = 0;
                Committed first = committed.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                flusherBusySince = System.currentTimeMillis();
                ready.add(first);
                committed.drainTo(ready);
                flush(ready);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                survive("event-flusher", e);
                ready.forEach(batch -> fail(batch.calls(), e));
            } finally {
                ready.clear();
            }
        }
    }

    private void survive(String thread, Throwable e) {
        metrics.counter("truust.pipeline.errors", "thread", thread).increment();
        LOG.errorf(e, "%s: unexpected %s, its batch is answered 503 and the thread goes on", thread, e);
    }

    /** Makes the batches durable with one checkpoint, then answers their calls. */
    private void flush(List<Committed> ready) {
        try {
            durability.flush();
        } catch (Exception e) {
            // Committed but perhaps not durable: the calls get 503 and their retries are answered as duplicates.
            LOG.warnf(e, "could not make %d committed batch(es) durable, answered 503", ready.size());
            ready.forEach(batch -> fail(batch.calls(), e));
            return;
        }
        for (Committed batch : ready) {
            List<StoredEvent> outcomes = batch.stored().outcomes();
            for (int i = 0; i < outcomes.size(); i++) {
                batch.calls().get(i).result().complete(outcomes.get(i));
            }
        }
        ready.forEach(batch -> processor.committed(batch.stored().processing()));
    }

    /** Answers the calls 503; the caller has logged why. */
    private static void fail(List<Pending> calls, Throwable e) {
        StorageUnavailableException failure = new StorageUnavailableException("storage is unavailable", e);
        calls.forEach(p -> p.result().completeExceptionally(failure));
    }
}
