package org.remoteassistance.console.web;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notification streams the console relays to Company Portal pages, each holding a worker thread for as long as
 * the page stays open. When the console stops they are closed, so the relays end at once (the pages reconnect to the
 * next instance) instead of holding the shutdown until the worker pool gives up on them (a minute, measured).
 */
@ApplicationScoped
public class LiveRelays {

    private final Set<InputStream> open = ConcurrentHashMap.newKeySet();

    /** A stream now relayed; {@link #ended} when its relay is over. */
    InputStream opened(InputStream upstream) {
        open.add(upstream);
        return upstream;
    }

    void ended(InputStream upstream) {
        open.remove(upstream);
    }

    void onStop(@Observes ShutdownEvent stopping) {
        for (InputStream upstream : open) {
            try {
                upstream.close();
            } catch (IOException e) {
                // closing is all that is asked: the relay reading it ends either way
            }
        }
    }
}
