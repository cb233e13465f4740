package org.ruralatlas.server.imports;

import org.ruralatlas.server.security.SecurityConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The upload filter, ahead of the security chain: its firewall is the first to ask for parameters. */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    @Bean
    FilterRegistrationBean<RawUploads> rawUploads() {
        FilterRegistrationBean<RawUploads> registration = new FilterRegistrationBean<>(new RawUploads());
        registration.setOrder(SecurityConfiguration.FILTER_ORDER - 1);
        return registration;
    }
}
