package org.remoteassistance.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.remoteassistance.testing.HttpHardeningContract;
import org.remoteassistance.testing.ServiceTestResource;

@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class HttpHardeningTest extends HttpHardeningContract {

    @Override
    protected String adminReadPath() {
        return "/api/devices/00000000-0000-4000-8000-000000000000/notifications";
    }
}
