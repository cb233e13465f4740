package org.ruralatlas.server.ogcapi;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The pages' parts: the templates precompiled by the build (no compiler at run time), the labels
 * of {@code messages_vi/en.properties} (a missing key fails rather than showing the key), and the
 * one rule choosing the language.
 */
@Configuration(proxyBeanMethods = false)
public class PageConfiguration {

    @Bean
    TemplateEngine templateEngine() {
        return TemplateEngine.createPrecompiled(ContentType.Html);
    }

    @Bean
    MessageSource messageSource() {
        return labels();
    }

    /** The bundles as the server reads them; also for tests. */
    public static ResourceBundleMessageSource labels() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasename("messages");
        m.setDefaultEncoding(StandardCharsets.UTF_8.name());
        m.setFallbackToSystemLocale(false);
        m.setDefaultLocale(Language.VI);
        return m;
    }

    @Bean
    LocaleResolver localeResolver() {
        return new Language();
    }
}
