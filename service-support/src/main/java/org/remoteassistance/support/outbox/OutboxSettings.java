package org.remoteassistance.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "remote-assistance.outbox")
public interface OutboxSettings {

    /** How often the relay looks for rows nobody woke it for (left by a crash or a broker outage). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows sent per transaction. */
    @WithDefault("200")
    int batchSize();
}
