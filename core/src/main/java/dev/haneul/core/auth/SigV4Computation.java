package dev.haneul.core.auth;

/**
 * The intermediate products of one SigV4 signature. Kept together so that a mismatch can be
 * explained (AWS's json services put the canonical request and string to sign into their error
 * message) and so the tests can compare each step with the corpora, not only the end result.
 */
record SigV4Computation(String canonicalRequest, String stringToSign, String signature) {

    static SigV4Computation compute(String canonicalRequest, String amzDate, String date, String region,
            String service, String secret) {
        String scope = date + '/' + region + '/' + service + '/' + SigV4Authorization.TERMINATOR;
        String stringToSign = CanonicalRequest.stringToSign(amzDate, scope, canonicalRequest);
        return new SigV4Computation(canonicalRequest, stringToSign,
                SigV4Crypto.signature(secret, date, region, service, stringToSign));
    }

    /** A multi-line explanation for logs; contains no secret. */
    String describe() {
        return "canonical request:\n" + canonicalRequest + "\nstring to sign:\n" + stringToSign;
    }
}
