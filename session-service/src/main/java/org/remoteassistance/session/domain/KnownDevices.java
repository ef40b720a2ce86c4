package org.remoteassistance.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This service's read model of device-service's devices. */
@ApplicationScoped
public class KnownDevices implements PanacheRepositoryBase<KnownDevice, UUID> {
}
