package org.remoteassistance.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "remote-assistance.notifications")
public interface NotificationSettings {

    /** How many of a device's notifications its list shows, newest first (the unread count covers all of them). */
    @WithDefault("100")
    int listSize();

    /** Notifications held for a live-stream client that reads slower than they arrive; beyond it the stream ends. */
    @WithDefault("64")
    int streamBuffer();

    /**
     * The longest a live stream stays open, whatever its token's expiry: the client then reconnects and shows its
     * token again (a stream also ends when its token expires).
     */
    @WithDefault("15m")
    Duration streamMaxAge();

}
