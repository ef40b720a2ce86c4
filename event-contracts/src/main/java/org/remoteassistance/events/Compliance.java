package org.remoteassistance.events;

/** Whether a device meets its organisation's compliance policies, as device-service keeps it. */
public enum Compliance {
    COMPLIANT,
    NONCOMPLIANT,
    /** Not evaluated yet, or not known: the default. */
    UNKNOWN
}
