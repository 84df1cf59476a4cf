package com.truustrules.event;

/** A thread of the ingest pipeline and when it began its current piece of work (epoch millis, 0: idle). */
public record PipelineThread(Thread thread, long busySince) {

    public String name() {
        return thread.getName();
    }
}
