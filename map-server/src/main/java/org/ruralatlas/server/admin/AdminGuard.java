package org.ruralatlas.server.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Everything under {@code /admin/} writes or costs, so it needs {@code Authorization: Bearer
 * <ruralatlas.admin.token>} (compared in constant time); without a configured token of at least
 * 16 characters those endpoints answer 403. The public API stays read-only.
 */
@Component
public class AdminGuard extends OncePerRequestFilter {

    private final AdminProperties admin;

    public AdminGuard(AdminProperties admin) {
        this.admin = admin;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admin.enabled()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "administration is off: start the server with ruralatlas.admin.token (16 characters or more)");
            return;
        }
        String header = request.getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(given, admin.token().getBytes(StandardCharsets.UTF_8))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ruralatlas-admin\"");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "an administration request needs Authorization: Bearer <token>");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\""
                + (status == 401 ? "Unauthorized" : "Forbidden") + "\",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
