package org.ruralatlas.server.error;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * The container answers in problem+json too: its error report is {@link ProblemReportValve}
 * (Spring Boot's {@code /error} page is not used, so {@code GET /error} is a plain 404), and
 * TRACE reaches {@link TraceRefusal}, which answers 405 with the path's real {@code Allow}
 * rather than Tomcat's list of every method its servlet could take. CORS refusals and the
 * actuator's own errors are problems too ({@link ProblemCorsProcessor}, {@link ActuatorProblems}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ContainerErrors {

    @Bean
    TomcatContextCustomizer problemReports() {
        return context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName());
    }

    @Bean
    TomcatConnectorCustomizer traceToTheApplication() {
        return connector -> connector.setAllowTrace(true);
    }

    /** Every handler mapping (controllers, static files, the actuator) refuses a cross-origin request as problem+json. */
    @Bean
    static BeanPostProcessor problemCors() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof AbstractHandlerMapping mapping) {
                    mapping.setCorsProcessor(new ProblemCorsProcessor());
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<ActuatorProblems> actuatorProblems(
            HealthContributorRegistry contributors, HealthEndpointGroups groups) {
        FilterRegistrationBean<ActuatorProblems> registration =
                new FilterRegistrationBean<>(new ActuatorProblems(contributors, groups));
        registration.addUrlPatterns("/actuator/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<TraceRefusal> traceRefusal() {
        FilterRegistrationBean<TraceRefusal> registration = new FilterRegistrationBean<>(new TraceRefusal());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
