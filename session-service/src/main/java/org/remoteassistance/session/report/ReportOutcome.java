package org.remoteassistance.session.report;

/**
 * How a session came out, as the reports show it: why it ended or expired ({@code EndReason}), {@link #REJECTED}
 * when it never started, {@link #OPEN} while it is under way.
 */
public enum ReportOutcome {
    COMPLETED,
    CONNECTION_LOST,
    CANCELLED,
    DECLINED,
    EXPIRED,
    FAILED,
    TIME_LIMIT,
    REJECTED,
    OPEN;

    /** The same, in SQL over {@code remote_assistance_session}. */
    static final String SQL = "CASE WHEN status = 'REJECTED' THEN 'REJECTED' WHEN end_reason IS NOT NULL "
            + "THEN end_reason ELSE 'OPEN' END";
}
