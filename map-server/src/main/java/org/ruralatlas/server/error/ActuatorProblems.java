package org.ruralatlas.server.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.ruralatlas.server.web.RequestPaths;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The actuator is Spring Boot's and refuses in its own way: an empty 404 for an unknown metric
 * or health component, its own JSON for a bad tag, and a 500 for a health path under a name that
 * does not exist (Boot 4.1 asserts on it). Under {@code /actuator/} this turns each into
 * problem+json, and answers such a health path with a 404 before Boot sees it. It runs after the
 * security chain: who may see what is decided there.
 */
final class ActuatorProblems extends OncePerRequestFilter {

    private static final PathPattern HEALTH = RequestPaths.parse("/actuator/health/{*path}");

    private final HealthContributors contributors;
    private final HealthEndpointGroups groups;

    ActuatorProblems(HealthContributors contributors, HealthEndpointGroups groups) {
        this.contributors = contributors;
        this.groups = groups;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathPattern.PathMatchInfo health = HEALTH.matchAndExtract(RequestPaths.of(request));
        if (health != null && !known(health.getUriVariables().get("path"))) {
            Problems.write(
                    response, Problems.of(HttpStatus.NOT_FOUND, "no such health component or group", null, request));
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        String type = answer.getContentType();
        // health that is DOWN is a 503 whose body is the health itself ({"status":"DOWN"}, what monitors read): kept
        boolean healthDown = health != null
                && answer.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()
                && type != null
                && type.contains("json");
        if (answer.getStatus() >= 400
                && !healthDown
                && (type == null || !type.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE))) {
            HttpStatus status = HttpStatus.resolve(answer.getStatus());
            answer.resetBuffer();
            Problems.write(
                    answer,
                    Problems.of(
                            status != null ? status : HttpStatus.BAD_REQUEST,
                            status != null ? status.getReasonPhrase() : "Refused",
                            null,
                            request));
        }
        answer.copyBodyToResponse();
    }

    /** A health path Boot can answer: a group or a contributor, a group's contributor, or a composite's member. */
    private boolean known(String path) {
        List<String> s =
                Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
        if (s.isEmpty()) {
            return true;
        }
        if (s.size() == 1) {
            return groups.get(s.get(0)) != null || contributors.getContributor(s.get(0)) != null;
        }
        return s.size() == 2
                && (groups.get(s.get(0)) != null && contributors.getContributor(s.get(1)) != null
                        || contributors.getContributor(s.get(0)) instanceof CompositeHealthContributor c
                                && c.getContributor(s.get(1)) != null);
    }
}
