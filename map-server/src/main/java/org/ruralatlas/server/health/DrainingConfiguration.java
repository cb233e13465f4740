package org.ruralatlas.server.health;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@link Draining} first of all filters (after the request id's), so a stopping server starts no
 * new work; and the drain delay, a lifecycle stopped before the web server's graceful shutdown.
 */
@Configuration(proxyBeanMethods = false)
public class DrainingConfiguration {

    @Bean
    Draining draining() {
        return new Draining();
    }

    @Bean
    FilterRegistrationBean<Draining> drainingFilter(Draining draining) {
        FilterRegistrationBean<Draining> registration = new FilterRegistrationBean<>(draining);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Sleeps {@code drain-delay} on stop, readiness already OUT_OF_SERVICE, before the socket closes. */
    @Bean
    SmartLifecycle drainDelay(ShutdownProperties props) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                try {
                    Thread.sleep(props.drainDelay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // stopped just before the graceful shutdown (which stops before the server itself)
                return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
            }
        };
    }
}
