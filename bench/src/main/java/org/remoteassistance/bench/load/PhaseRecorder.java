package org.remoteassistance.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What happened to the sessions of one phase, collected while it runs. */
final class PhaseRecorder {

    final ConcurrentLinkedQueue<SessionTrace> accepted = new ConcurrentLinkedQueue<>();
    final AtomicLong requested = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();
    final AtomicLong endFailures = new AtomicLong();
    final AtomicLong waitsForDevice = new AtomicLong();
    private final Map<String, AtomicLong> requestFailures = new ConcurrentHashMap<>();

    void requestFailed(String why) {
        requestFailures.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
    }

    Map<String, Long> requestFailures() {
        Map<String, Long> failures = new TreeMap<>();
        requestFailures.forEach((why, count) -> failures.put(why, count.get()));
        return failures;
    }

    List<SessionTrace> acceptedTraces() {
        return new ArrayList<>(accepted);
    }
}
