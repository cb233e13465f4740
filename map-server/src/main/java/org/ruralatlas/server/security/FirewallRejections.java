package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ruralatlas.server.error.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The firewall's refusals as problem+json: 501 for a method the server does not implement
 * (RFC 9110 §15.6.2), otherwise 400 saying what was wrong, naming the parameter when it was
 * one. Logged at debug only: refusing hostile input is routine, not an incident.
 */
final class FirewallRejections implements RequestRejectedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FirewallRejections.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        LOG.debug("refused {}: {}", request.getMethod(), rejected.getMessage());
        if (response.isCommitted()) {
            return;
        }
        if (!EdgeFirewall.knownMethod(request.getMethod())) {
            Problems.write(
                    response,
                    Problems.of(
                            HttpStatus.NOT_IMPLEMENTED,
                            "the method " + printable(request.getMethod()) + " is not implemented here",
                            null,
                            null));
            return;
        }
        String parameter = rejected instanceof RejectedParameter p ? p.parameter() : null;
        String detail =
                rejected instanceof RejectedParameter || rejected.getMessage().startsWith("The query string")
                        ? rejected.getMessage()
                        : "The request was refused: its path or headers are not in the plain form this server accepts (no encoded "
                                + "'/', '\\', '%' or '.', no ';' parameters, no '//', '.' or '..' segments, no control characters).";
        Problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, detail, parameter, null));
    }

    private static String printable(String s) {
        return s.length() > 20 || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? "given" : s;
    }
}
