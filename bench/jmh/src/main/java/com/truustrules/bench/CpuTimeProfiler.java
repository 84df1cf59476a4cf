package com.truustrules.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark threads per operation ({@code -prof com.truustrules.bench.CpuTimeProfiler}).
 * On a machine shared with other work the wall-clock score grows with the other work; the CPU time
 * the benchmark thread itself used barely does, so it is the steadier basis for a ratio.
 */
public class CpuTimeProfiler implements InternalProfiler {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long before;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpuNanos();
    }

    /** Divided by all operations, since the workers also run the benchmark while iterations synchronise. */
    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long operations = Math.max(1, result.getMetadata().getAllOps());
        double perOperation = (workerCpuNanos() - before) / (double) operations;
        return List.of(new ScalarResult("cpu", perOperation, "ns/op", AggregationPolicy.AVG));
    }

    /** JMH names its benchmark threads "…-jmh-worker-N"; they live across the iterations of a fork. */
    private static long workerCpuNanos() {
        long total = 0;
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().contains("jmh-worker")) {
                total += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }
}
