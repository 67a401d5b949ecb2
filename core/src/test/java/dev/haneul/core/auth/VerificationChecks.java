package dev.haneul.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.haneul.core.auth.SigV4Failure.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;

/**
 * The verifier checks every corpus case gets, for a header-signed or a pre-signed request: it is
 * accepted at its own time; changing one byte of the body, of a query parameter or of any signed
 * header makes it {@code SignatureDoesNotMatch}; and the clock rules hold around it.
 */
final class VerificationChecks {

    private final String accessKeyId;
    private final String secret;
    private final SigningRules rules;

    VerificationChecks(String accessKeyId, String secret, SigningRules rules) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.rules = rules;
    }

    SigV4Result verify(SignableRequest request, Instant now) {
        return SigV4Verifier.builder(id -> id.equals(accessKeyId) ? Optional.of(secret) : Optional.empty(),
                        Clock.fixed(now, ZoneOffset.UTC))
                .rules(service -> rules)
                .build()
                .verify(request);
    }

    void assertAccepted(SignableRequest request, Instant now) {
        SigV4Result result = verify(request, now);
        assertThat(result).as(() -> "expected acceptance of " + request + ", got " + result)
                .isInstanceOf(SigV4Result.Verified.class);
    }

    void assertRejected(SignableRequest request, Instant now, Kind kind) {
        SigV4Result result = verify(request, now);
        assertThat(result).as(() -> "expected " + kind + " for " + request + ", got " + result)
                .isInstanceOfSatisfying(SigV4Result.Rejected.class,
                        rejected -> assertThat(rejected.failure().kind()).isEqualTo(kind));
    }

    /** All checks on {@code signed}, named after {@code variant}. */
    List<DynamicTest> all(String variant, SignableRequest signed, Instant signedAt) {
        boolean presigned = !signed.rawQuery().isEmpty() && signed.rawQuery().contains("X-Amz-Signature=");
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest(variant + ": verifier accepts it", () -> assertAccepted(signed, signedAt)));
        tests.add(dynamicTest(variant + ": one body byte changed is SignatureDoesNotMatch",
                () -> assertRejected(signed.withBody(tamper(signed.body())), signedAt, Kind.SIGNATURE_DOES_NOT_MATCH)));
        tests.add(dynamicTest(variant + ": one query byte changed is SignatureDoesNotMatch", () -> {
            for (String query : tamperedQueries(signed.rawQuery())) {
                assertRejected(signed.withRawQuery(query), signedAt, Kind.SIGNATURE_DOES_NOT_MATCH);
            }
        }));
        tests.add(dynamicTest(variant + ": one byte of a signed header changed is SignatureDoesNotMatch", () -> {
            List<String> signedHeaders = SigV4Parser.parse(signed).orElseThrow().signedHeaders();
            for (String name : signedHeaders) {
                if (!name.equals("x-amz-date")) {
                    assertRejected(withTamperedHeader(signed, name), signedAt, Kind.SIGNATURE_DOES_NOT_MATCH);
                }
            }
        }));
        tests.add(dynamicTest(variant + ": an unsigned header may be added", () ->
                assertAccepted(signed.withHeader("User-Agent", "haneul-test"), signedAt)));
        if (presigned) {
            Duration expires = SigV4Parser.parse(signed).orElseThrow().expires().orElseThrow();
            tests.add(dynamicTest(variant + ": still valid 6 minutes later, expired after X-Amz-Expires", () -> {
                assertAccepted(signed, signedAt.plus(Duration.ofMinutes(6)));
                assertAccepted(signed, signedAt.plus(expires));
                assertRejected(signed, signedAt.plus(expires).plusSeconds(1), Kind.SIGNATURE_EXPIRED);
            }));
        } else {
            tests.add(dynamicTest(variant + ": 6 minutes later is SignatureDoesNotMatch (expired)", () ->
                    assertRejected(signed, signedAt.plus(Duration.ofMinutes(6)), Kind.SIGNATURE_EXPIRED)));
        }
        tests.add(dynamicTest(variant + ": 6 minutes earlier is SignatureDoesNotMatch (not yet current)", () ->
                assertRejected(signed, signedAt.minus(Duration.ofMinutes(6)), Kind.SIGNATURE_NOT_YET_CURRENT)));
        return tests;
    }

    /** The body with its last byte changed, or one byte long when it was empty. */
    static byte[] tamper(byte[] body) {
        if (body.length == 0) {
            return new byte[] {'x'};
        }
        byte[] copy = body.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    /**
     * One tampered query per parameter that the signature covers and that changes nothing else:
     * not the pre-signing parameters whose change is another failure (algorithm, credential, date,
     * signed headers), not the signature itself and not the security token (which a signer may add
     * after signing). An empty query gains one byte.
     */
    static List<String> tamperedQueries(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return List.of("x");
        }
        String[] parameters = rawQuery.split("&", -1);
        List<String> tampered = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            String name = parameters[i].split("=", 2)[0];
            if (name.startsWith("X-Amz-") && !name.equals(SigV4Parser.X_AMZ_EXPIRES)) {
                continue;
            }
            String[] copy = parameters.clone();
            copy[i] = flipLast(parameters[i]);
            tampered.add(String.join("&", copy));
        }
        assertThat(tampered).as("query %s has a parameter to tamper with", rawQuery).isNotEmpty();
        return tampered;
    }

    private static SignableRequest withTamperedHeader(SignableRequest request, String name) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).getKey().toLowerCase(Locale.ROOT).equals(name)) {
                String value = headers.get(i).getValue();
                headers.set(i, Map.entry(headers.get(i).getKey(), value.isEmpty() ? "x" : flipLast(value)));
                return new SignableRequest(request.method(), request.rawPath(), request.rawQuery(), headers,
                        request.body());
            }
        }
        throw new AssertionError("signed header " + name + " is not in " + request);
    }

    private static String flipLast(String s) {
        return s.substring(0, s.length() - 1) + (char) (s.charAt(s.length() - 1) ^ 1);
    }
}
