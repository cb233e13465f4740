package org.ruralatlas.server.observability;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The request id first of all filters, so every answer of the server (refusals included) carries it. */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    FilterRegistrationBean<RequestId> requestIdFilter() {
        FilterRegistrationBean<RequestId> registration = new FilterRegistrationBean<>(new RequestId());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
