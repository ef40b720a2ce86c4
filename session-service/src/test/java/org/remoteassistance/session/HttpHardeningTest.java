package org.remoteassistance.session;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.remoteassistance.testing.HttpHardeningContract;
import org.remoteassistance.testing.ServiceTestResource;

@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class HttpHardeningTest extends HttpHardeningContract {

    @Override
    protected String adminReadPath() {
        return "/api/sessions";
    }
}
