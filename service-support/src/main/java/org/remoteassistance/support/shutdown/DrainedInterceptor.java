package org.remoteassistance.support.shutdown;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Counts a consumer's event in while it is handled, or holds it when the service is already stopping. */
@Drained
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class DrainedInterceptor {

    @Inject
    ConsumerDrain drain;

    @AroundInvoke
    Object handle(InvocationContext invocation) throws Exception {
        drain.begin();
        try {
            return invocation.proceed();
        } finally {
            drain.end();
        }
    }
}
