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

    /**
     * Its place in a session's life: 1 to 3 while open, 4 for every end state. A session's status only moves to a
     * higher rank, and never out of an end state, so late or repeated events cannot move it back.
     */
    public int rank() {
        return rank;
    }

    /** The admin can launch the partner app: the partner has acknowledged and the session has not ended. */
    public boolean startAvailable() {
        return this == ACKNOWLEDGED || this == IN_PROGRESS;
    }
}
