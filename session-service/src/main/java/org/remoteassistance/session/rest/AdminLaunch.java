package org.remoteassistance.session.rest;

/** What the admin needs to launch the partner app: the single-use code and the supporter link. */
public record AdminLaunch(String sessionCode, String supporterLink) {
}
