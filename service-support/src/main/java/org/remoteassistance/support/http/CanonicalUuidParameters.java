package org.remoteassistance.support.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

/**
 * {@code UUID} path, query and header parameters take only the canonical form ({@link CanonicalUuid}); anything else
 * names nothing (a path parameter that does not convert is a 404, a query or header one a 400, as JAX-RS says).
 */
@Provider
public class CanonicalUuidParameters implements ParamConverterProvider {

    private static final ParamConverter<UUID> CONVERTER = new ParamConverter<>() {
        @Override
        public UUID fromString(String value) {
            if (value == null) {
                return null;
            }
            return CanonicalUuid.parse(value).orElseThrow(
                    () -> new IllegalArgumentException("not a canonical UUID"));
        }

        @Override
        public String toString(UUID value) {
            return value == null ? null : value.toString();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == UUID.class ? (ParamConverter<T>) CONVERTER : null;
    }
}
