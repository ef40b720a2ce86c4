package org.remoteassistance.support.http;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import jakarta.inject.Singleton;

/**
 * A request no resource method and no route answered is counted under {@code uri="UNKNOWN"}, not under its path:
 * otherwise every made-up path ({@code /api/../x/1}, {@code /%2e%2e/...}) that is not answered 404 (a 400 for a path
 * that does not decode, a 401 or 405 on the way) becomes a label of its own, and anyone can fill {@code /q/metrics}
 * up to Micrometer's cap. A matched resource method's template ({@code /api/sessions/{id}}) and the routes of
 * {@code /q/...} stay as they are; 404s and redirects already share one label each.
 */
@Singleton
public class UnknownPathMetrics implements HttpServerMetricsTagsContributor {

    /** Put in the request's context by Quarkus REST (the matched method's path) and by the Micrometer binder. */
    private static final String RESOURCE_TEMPLATE = "UrlPathTemplate";
    private static final String ROUTE = "VertxRoute";
    static final Tags UNKNOWN = Tags.of("uri", "UNKNOWN");

    @Override
    public Tags contribute(Context context) {
        if (context.requestContextLocalData(RESOURCE_TEMPLATE) != null) {
            return Tags.empty();
        }
        Object route = context.requestContextLocalData(ROUTE);
        if (route instanceof String path && !path.isEmpty() && !path.contains("*")
                && path.equals(context.request().path())) {
            return Tags.empty();
        }
        int status = context.response() == null ? 0 : context.response().statusCode();
        if (status == 404 || (status >= 300 && status < 400)) {
            return Tags.empty();
        }
        return UNKNOWN;
    }
}
