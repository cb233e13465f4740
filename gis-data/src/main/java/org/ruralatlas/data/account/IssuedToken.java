package org.ruralatlas.data.account;

/** A token just made: its listing, and the secret, which nobody can see again. */
public record IssuedToken(ApiToken token, String secret) {}
