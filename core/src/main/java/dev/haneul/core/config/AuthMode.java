package dev.haneul.core.config;

/** Whether the gateway checks request signatures. */
public enum AuthMode {
    /** Any access key is accepted; the credential scope still picks service, region and caller. */
    NONE,
    /** SigV4 signatures are verified against the configured secrets, with a 5-minute clock skew. */
    SIGV4
}
