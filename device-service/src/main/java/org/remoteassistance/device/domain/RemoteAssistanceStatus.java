package org.remoteassistance.device.domain;

/**
 * Where a device's remote assistance session stands, as the overview shows it. Statuses are ranked: within one session
 * the status only moves up, and an end state never changes, so late or repeated events cannot move a session back.
 */
public enum RemoteAssistanceStatus {
    /** No session has been seen for the device. */
    NONE(0),
    REQUESTED(1),
    ACKNOWLEDGED(2),
    IN_PROGRESS(3),
    ENDED(4),
    REJECTED(4),
    EXPIRED(4);

    private final int rank;

    RemoteAssistanceStatus(int rank) {
        this.rank = rank;
    }

    public boolean terminal() {
        return rank == 4;
    }

    public boolean open() {
        return this == REQUESTED || this == ACKNOWLEDGED || this == IN_PROGRESS;
    }

    /** The admin can launch the partner app: the partner has acknowledged and the session has not ended. */
    public boolean startAvailable() {
        return this == ACKNOWLEDGED || this == IN_PROGRESS;
    }

    /** Whether a session in this status may move to {@code next}: forward only, never out of an end state. */
    public boolean canMoveTo(RemoteAssistanceStatus next) {
        return !terminal() && next.rank > rank;
    }
}
