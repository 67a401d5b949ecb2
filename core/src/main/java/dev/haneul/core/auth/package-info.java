/**
 * AWS Signature Version 4: reading the credential out of a request, verifying its signature, and
 * signing requests on the client side. {@link dev.haneul.core.auth.SigV4Parser} runs on every
 * request (even with authentication off) because the credential scope names the service, region
 * and access key the gateway routes by; {@link dev.haneul.core.auth.SigV4Verifier} checks the
 * signature and the clock when {@code HANEUL_AUTH=sigv4}; {@link dev.haneul.core.auth.SigV4Signer}
 * produces requests that real AWS would accept, for our own tests and tools. Everything works on a
 * transport-neutral {@link dev.haneul.core.auth.SignableRequest}, and every failure is a
 * {@link dev.haneul.core.auth.SigV4Failure} that carries both the query-protocol and the
 * json-protocol error code, so only the gateway decides how to serialize it.
 */
@NullMarked
package dev.haneul.core.auth;

import org.jspecify.annotations.NullMarked;
