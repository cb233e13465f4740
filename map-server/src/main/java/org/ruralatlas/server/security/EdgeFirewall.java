package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The first thing every request meets: Spring Security's {@link StrictHttpFirewall} (it refuses
 * encoded {@code /}, {@code \}, {@code %} and {@code .}, {@code ;} path parameters, {@code //},
 * dot segments, NUL and line breaks in the path, and methods it does not know), made eager.
 * The strict firewall checks a header or a query parameter only when something reads it, so a
 * bad value would throw wherever it happened to be read first (a tile filter, a streaming body);
 * here every header and parameter is read once at the door, and a bad one is a 400 naming it
 * before any filter or controller runs. Query text follows {@link ParameterText}.
 */
public final class EdgeFirewall implements HttpFirewall {

    private final StrictHttpFirewall strict = new StrictHttpFirewall();

    public EdgeFirewall() {
        strict.setAllowedParameterNames(ParameterText::acceptable);
        strict.setAllowedParameterValues(ParameterText::acceptable);
        strict.setAllowedHeaderNames(ParameterText::acceptableHeader);
        strict.setAllowedHeaderValues(ParameterText::acceptableHeader);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        FirewalledRequest checked = strict.getFirewalledRequest(request);
        for (String name : Collections.list(checked.getHeaderNames())) {
            Collections.list(checked.getHeaders(name));
        }
        if (request.getQueryString() == null
                && !MediaType.APPLICATION_FORM_URLENCODED_VALUE.equals(request.getContentType())) {
            return checked;
        }
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException e) {
            // Tomcat's InvalidParameterException: "=x", a bad %-escape, %-escapes that are not UTF-8
            throw new RequestRejectedException(
                    "The query string is malformed: every parameter needs a name, and %-escapes "
                            + "must be valid UTF-8.");
        }
        for (Map.Entry<String, String[]> p : parameters.entrySet()) {
            String name = p.getKey();
            if (!ParameterText.acceptable(name)) {
                throw new RejectedParameter(
                        null, "A query parameter's name holds a control character or a broken character.");
            }
            for (String value : p.getValue()) {
                if (!ParameterText.acceptable(value)) {
                    throw new RejectedParameter(
                            name,
                            name + " holds a control character (such as NUL) or a broken character; "
                                    + "query values are text without control characters other than tab and line breaks");
                }
            }
        }
        return checked;
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    /** The methods the strict firewall lets through; any other is not implemented here (501). */
    static boolean knownMethod(String method) {
        return switch (method) {
            case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" -> true;
            default -> false;
        };
    }
}
