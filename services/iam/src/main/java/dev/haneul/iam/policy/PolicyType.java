package dev.haneul.iam.policy;

/** Which grammar a document must follow: the rules differ on {@code Principal} and {@code Resource}. */
public enum PolicyType {
    /** Identity-based: managed, inline, permissions boundary, session policy. No {@code Principal}. */
    IDENTITY,
    /** Resource-based, such as an S3 bucket policy: {@code Principal} required. */
    RESOURCE,
    /** A role trust policy: {@code Principal} required, {@code Resource} prohibited. */
    TRUST
}
