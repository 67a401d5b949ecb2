package dev.haneul.core.config;

/** Whether the gateway checks request signatures, and whether IAM authorizes each call. */
public enum AuthMode {
    /** Any access key is accepted; the credential scope still picks service, region and caller. */
    NONE,
    /** SigV4 signatures are verified against the configured secrets, with a 5-minute clock skew. */
    SIGV4,
    /**
     * Every call is authenticated (SigV4 with the account's root key, an IAM user's access key or
     * STS temporary credentials) and authorized by IAM's policies; the root key keeps full access.
     * The IAM service supplies both steps as a gateway interceptor.
     */
    IAM
}
