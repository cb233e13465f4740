package org.ruralatlas.server.error;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The container answers in problem+json too: its error report is {@link ProblemReportValve}
 * (Spring Boot's {@code /error} page is not used, so {@code GET /error} is a plain 404), and
 * TRACE reaches {@link TraceRefusal}, which answers 405 with the path's real {@code Allow}
 * rather than Tomcat's list of every method its servlet could take.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ContainerErrors {

    @Bean
    TomcatContextCustomizer problemReports() {
        return context -> ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName());
    }

    @Bean
    TomcatConnectorCustomizer traceToTheApplication() {
        return connector -> connector.setAllowTrace(true);
    }

    @Bean
    FilterRegistrationBean<TraceRefusal> traceRefusal() {
        FilterRegistrationBean<TraceRefusal> registration = new FilterRegistrationBean<>(new TraceRefusal());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
