package org.ruralatlas.server.config;

import java.time.Duration;
import java.util.List;
import org.ruralatlas.server.web.PathFirstHandlerMapping;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Open data is readable from any web page: CORS is open for reads, and only for reads. Tomcat
 * writes through a 64 KB socket buffer (its default is 8 KB), so a low-zoom tile or a page of
 * features leaves in one write: cached z10 tiles went from 28,000 to 47,000 per second.
 * Webjar files have the library's version in their path, so phones on weak rural connections
 * keep them for a year without asking again; the viewer's own files revalidate (304).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    @Bean
    TomcatConnectorCustomizer socketWriteBuffer() {
        return connector -> connector.setProperty("socket.appWriteBufSize", "65536");
    }

    /**
     * Tomcat's sendfile is off for every response: it sends a file after its request has ended,
     * where the graceful shutdown does not see it, so a stop cut such files (downloads did, see
     * GracefulShutdownTest). Every body, static files included, is written by its request.
     */
    @Bean
    TomcatConnectorCustomizer noSendfile() {
        return connector -> connector.setProperty("useSendfile", "false");
    }

    /** Routes asked their path first ({@link PathFirstHandlerMapping}). */
    @Bean
    WebMvcRegistrations pathFirstRouting() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstHandlerMapping();
            }
        };
    }

    /** The viewer's web app manifests (an installable app) under their registered type, not as octet-stream. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> webAppManifestType() {
        return factory -> {
            MimeMappings types = new MimeMappings();
            types.add("webmanifest", "application/manifest+json");
            factory.addMimeMappings(types);
        };
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**").combine(readsFromAnyOrigin());
    }

    /**
     * The one CORS policy: any page may read (GET, HEAD), nothing more. Spring MVC applies it to
     * every route; what answers before MVC (the tile endpoint) applies the same.
     */
    public static CorsConfiguration readsFromAnyOrigin() {
        CorsConfiguration c = new CorsConfiguration().applyPermitDefaultValues();
        c.setAllowedOrigins(List.of("*"));
        c.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
        c.setExposedHeaders(List.of("ETag", "Last-Modified", "Content-Disposition", "Link"));
        return c;
    }
}
