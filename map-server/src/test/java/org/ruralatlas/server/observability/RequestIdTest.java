package org.ruralatlas.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every answer names its request; a proxy's plain id is kept, anything else a client sends is replaced. */
class RequestIdTest {

    private static String[] run(String sent) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/collections");
        if (sent != null) {
            request.addHeader(RequestId.HEADER, sent);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> logged = new AtomicReference<>();
        new RequestId().doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                logged.set(MDC.get(RequestId.MDC_KEY));
            }
        });
        return new String[] {response.getHeader(RequestId.HEADER), logged.get(), MDC.get(RequestId.MDC_KEY)};
    }

    @Test
    void aNewIdIsGivenAndLoggedWhileTheRequestRunsOnly() throws Exception {
        String[] a = run(null);
        String[] b = run(null);
        assertThat(a[0]).matches("[0-9a-f]{24}").isEqualTo(a[1]).isNotEqualTo(b[0]);
        assertThat(a[2]).as("the logging context is cleared afterwards").isNull();
    }

    @Test
    void aProxysPlainIdIsKept() throws Exception {
        assertThat(run("7f3c9e2a1b4d4e6f8a0b1c2d3e4f5a6b")[0]).isEqualTo("7f3c9e2a1b4d4e6f8a0b1c2d3e4f5a6b");
    }

    @Test
    void anythingElseIsReplaced() throws Exception {
        for (String hostile : new String[] {
            "",
            "short",
            "<script>alert(1)</script>",
            "a".repeat(65),
            "id with spaces ok",
            "x\u0000y\u0000zzzzzz",
            "${jndi:ldap://x/y}"
        }) {
            String[] r = run(hostile);
            assertThat(r[0]).as(hostile).matches("[0-9a-f]{24}");
        }
    }
}
