package org.remoteassistance.device;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.remoteassistance.testing.HttpHardeningContract;

@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class HttpHardeningTest extends HttpHardeningContract {

    @Override
    protected String adminReadPath() {
        return "/api/devices";
    }
}
