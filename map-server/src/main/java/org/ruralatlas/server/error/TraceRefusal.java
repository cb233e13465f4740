package org.ruralatlas.server.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * TRACE is never served (it would echo the request back, cookies and tokens included). The
 * answer is 405 with the {@code Allow} of the path, learnt by asking the rest of the chain the
 * same path with OPTIONS and keeping only its status and {@code Allow}; where OPTIONS is refused
 * (no such path: 404; an admin path without a token: 401) TRACE gets the same status.
 */
final class TraceRefusal extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.TRACE.matches(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Probe probe = new Probe(response);
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getMethod() {
                        return HttpMethod.OPTIONS.name();
                    }

                    // the probe's body goes nowhere: whatever the TRACE accepts, its problem must not fail to be
                    // written
                    @Override
                    public String getHeader(String name) {
                        return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? "*/*" : super.getHeader(name);
                    }

                    @Override
                    public java.util.Enumeration<String> getHeaders(String name) {
                        return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
                                ? java.util.Collections.enumeration(java.util.List.of("*/*"))
                                : super.getHeaders(name);
                    }
                },
                probe);
        response.reset();
        if (probe.status >= 400) {
            Problems.write(
                    response,
                    Problems.of(
                            HttpStatus.valueOf(probe.status),
                            HttpStatus.valueOf(probe.status).getReasonPhrase(),
                            null,
                            request));
            return;
        }
        if (probe.allow != null) {
            response.setHeader(HttpHeaders.ALLOW, probe.allow);
        }
        Problems.write(
                response,
                Problems.of(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "TRACE is not served; this path takes " + (probe.allow != null ? probe.allow : "no method"),
                        null,
                        request));
    }

    /** Keeps the status and Allow of the OPTIONS answer; its body and other headers go nowhere. */
    private static final class Probe extends HttpServletResponseWrapper {
        int status = 200;
        String allow;

        Probe(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public void setHeader(String name, String value) {
            if (HttpHeaders.ALLOW.equalsIgnoreCase(name)) {
                allow = value;
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (HttpHeaders.ALLOW.equalsIgnoreCase(name)) {
                allow = allow == null ? value : allow + ", " + value;
            }
        }

        @Override
        public boolean containsHeader(String name) {
            // FrameworkServlet falls back to the servlet's own list of methods when no Allow was set
            return HttpHeaders.ALLOW.equalsIgnoreCase(name) ? allow != null : super.containsHeader(name);
        }

        @Override
        public void setContentType(String type) {}

        @Override
        public void setContentLength(int len) {}

        @Override
        public void setContentLengthLong(long len) {}

        @Override
        public void setIntHeader(String name, int value) {}

        @Override
        public void setDateHeader(String name, long date) {}

        @Override
        public void addIntHeader(String name, int value) {}

        @Override
        public void addDateHeader(String name, long date) {}

        @Override
        public void flushBuffer() {}

        @Override
        public void resetBuffer() {}

        @Override
        public void reset() {
            status = 200;
            allow = null;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {}

                @Override
                public void write(byte[] b, int off, int len) {}

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            };
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(java.io.OutputStream.nullOutputStream());
        }
    }
}
