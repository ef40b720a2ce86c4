package org.remoteassistance.bench.load;

import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Devices free for a new session. A device goes back only once its session has ended, so the one-open-session-per-
 * device rule never refuses a request; with enough devices the pool never runs dry, and if it does, the wait counts
 * against the load (a fixed-rate phase measures from the scheduled time).
 */
public final class DevicePool {

    private final LinkedBlockingQueue<String> free = new LinkedBlockingQueue<>();

    public DevicePool(Collection<String> devices) {
        free.addAll(devices);
    }

    public String take() throws InterruptedException {
        return free.take();
    }

    /** A free device, or null if none frees up within the time given. */
    public String poll(long timeout, TimeUnit unit) throws InterruptedException {
        return free.poll(timeout, unit);
    }

    public void release(String deviceId) {
        free.add(deviceId);
    }

    /** Keeps only these devices (all devices must be free). */
    public void retainOnly(Collection<String> devices) {
        free.retainAll(devices);
    }

    public int free() {
        return free.size();
    }
}
