package org.ruralatlas.server.health;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.ruralatlas.data.store.GuardedFeatureStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health that is DOWN answers 503, and like every 503 of the server it says when to ask again
 * ({@code Retry-After: 1}: the store is probed four times a second).
 */
@Configuration(proxyBeanMethods = false)
public class HealthRetryAfter {

    static final String SECONDS = Long.toString(Math.max(1, GuardedFeatureStore.PROBE_INTERVAL.toSeconds()));

    @Bean
    FilterRegistrationBean<Filter> healthRetryAfterFilter() {
        Filter filter = (request, response, chain) ->
                chain.doFilter(request, new RetryAfterOn503((HttpServletResponse) response));
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/actuator/health", "/actuator/health/*");
        return registration;
    }

    /** Adds Retry-After when the status becomes 503. */
    private static final class RetryAfterOn503 extends HttpServletResponseWrapper {

        RetryAfterOn503(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            retryAfter(sc);
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc) throws IOException {
            retryAfter(sc);
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            retryAfter(sc);
            super.sendError(sc, msg);
        }

        private void retryAfter(int sc) {
            if (sc == SC_SERVICE_UNAVAILABLE && !containsHeader("Retry-After")) {
                setHeader("Retry-After", SECONDS);
            }
        }
    }
}
