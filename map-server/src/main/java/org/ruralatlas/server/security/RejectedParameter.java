package org.ruralatlas.server.security;

import org.springframework.security.web.firewall.RequestRejectedException;

/** The firewall's refusal of one query parameter, which the answer names. */
final class RejectedParameter extends RequestRejectedException {

    private final String parameter;

    RejectedParameter(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
