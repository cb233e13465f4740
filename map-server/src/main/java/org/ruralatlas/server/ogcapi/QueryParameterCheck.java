package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ruralatlas.server.error.ApiException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The one rule for query parameters on every RuralAtlas route: a name the handler does not take
 * ({@link QueryParameters}, named {@link RequestParam}s, and a {@link QueryParameterSource}'s
 * names) is a 400 naming it and listing those it takes, and so is a name given twice. Static
 * files are exempt (their scripts read the query: {@code planner.html?commune=…}), and so are
 * Spring's own endpoints (the actuator, behind the admin token).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class QueryParameterCheck implements HandlerInterceptor, WebMvcConfigurer {

    private static final String OURS = "org.ruralatlas.";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getName().startsWith(OURS)) {
            return true;
        }
        Map<String, String[]> given = request.getParameterMap();
        if (given.isEmpty()) {
            return true;
        }
        check(given, taken(method, request));
        return true;
    }

    /**
     * The rule itself, for whatever answers before Spring MVC too (the tile endpoint): 400 naming
     * the first parameter given that is not {@code taken}, or given twice.
     */
    public static void check(Map<String, String[]> given, Set<String> taken) {
        for (Map.Entry<String, String[]> p : given.entrySet()) {
            String name = p.getKey();
            if (!taken.contains(name)) {
                throw ApiException.badParameter(
                        name,
                        "unknown parameter " + name + "; "
                                + (taken.isEmpty()
                                        ? "this resource takes no parameters"
                                        : "this resource takes " + String.join(", ", taken)));
            }
            if (p.getValue().length > 1) {
                throw ApiException.badParameter(name, name + " is given more than once");
            }
        }
    }

    private static Set<String> taken(HandlerMethod method, HttpServletRequest request) {
        Set<String> taken = new TreeSet<>();
        QueryParameters declared = method.getMethodAnnotation(QueryParameters.class);
        if (declared != null) {
            taken.addAll(Set.of(declared.value()));
        }
        for (var p : method.getMethodParameters()) {
            RequestParam named = p.getParameterAnnotation(RequestParam.class);
            if (named != null && !Map.class.isAssignableFrom(p.getParameterType())) {
                taken.add(!named.name().isEmpty() ? named.name() : p.getParameterName());
            }
        }
        if (method.getBean() instanceof QueryParameterSource source) {
            @SuppressWarnings("unchecked")
            Map<String, String> variables =
                    (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            taken.addAll(
                    source.queryParameters(method.getMethod().getName(), variables == null ? Map.of() : variables));
        }
        return taken;
    }
}
