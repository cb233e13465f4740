package org.ruralatlas.server.ogcapi;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link PublicUrl} in front of every request, before anything writes a link. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PublicUrlConfiguration {

    @Bean
    FilterRegistrationBean<PublicUrl.Filter> publicUrlFilter(PublicUrl url) {
        FilterRegistrationBean<PublicUrl.Filter> registration = new FilterRegistrationBean<>(new PublicUrl.Filter(url));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
