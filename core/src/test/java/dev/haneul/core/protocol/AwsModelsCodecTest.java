package dev.haneul.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The AWS models of the services Haneul emulates or will (S3, CloudFront, WAFv2, SSM, ACM, EC2, IAM,
 * STS, CloudFormation, RDS, ELBv2, ElastiCache): a codec builds for each, and every operation of a
 * rest model is reached by the request its own URI template, literal query parameters and required
 * query and header members describe — S3's operations that share a URI included.
 */
class AwsModelsCodecTest {

    @TestFactory
    Stream<DynamicTest> everyModelHasACodecAndEveryRestOperationItsRoute() throws IOException {
        Path models = Corpora.require("aws-models");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(models)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("service-2.json")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(models.relativize(file).toString(), () -> check(file)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(12);
        return tests.stream();
    }

    private static void check(Path file) throws IOException {
        ServiceModel model = ServiceModel.fromJson(new ObjectMapper().readTree(file.toFile()));
        ProtocolCodec codec = ProtocolCodecs.forModel(model, ProtocolOptions.DEFAULTS);
        assertThat(codec.protocol().modelName()).isEqualTo(model.protocol());
        if (!codec.protocol().rest()) {
            return;
        }
        List<String> misrouted = new ArrayList<>();
        for (OperationModel operation : model.operations().values()) {
            String decoded = codec.decode(requestFor(operation)).operation().name();
            if (!decoded.equals(operation.name()) && !operation.deprecated() && !sameRoute(model, operation, decoded)) {
                misrouted.add(operation.name() + " -> " + decoded);
            }
        }
        assertThat(misrouted).isEmpty();
    }

    /** Two operations whose requests are identical (S3's ListBuckets and ListDirectoryBuckets). */
    private static boolean sameRoute(ServiceModel model, OperationModel operation, String other) {
        OperationModel winner = model.operation(other).orElseThrow();
        return winner.http().equals(operation.http())
                && required(winner).equals(required(operation));
    }

    private static List<String> required(OperationModel operation) {
        List<String> out = new ArrayList<>();
        operation.input().ifPresent(shape -> shape.required().stream().sorted().forEach(name -> {
            Member member = shape.members().get(name);
            if (member.location() == Member.Location.QUERY_STRING || member.location() == Member.Location.HEADER) {
                out.add(member.location() + ":" + member.wireName());
            }
        }));
        return out;
    }

    /** The request a client sends for {@code operation} with only its required members set. */
    private static WireRequest requestFor(OperationModel operation) {
        String uri = operation.http().requestUri().replaceAll("\\{[^}+]+\\+}", "a/b").replaceAll("\\{[^}]+}", "x");
        StringBuilder query = new StringBuilder(uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        operation.input().ifPresent(shape -> shape.required().forEach(name -> {
            Member member = shape.members().get(name);
            switch (member.location()) {
                case QUERY_STRING -> query.append(query.isEmpty() ? "" : "&").append(member.wireName()).append("=1");
                case HEADER -> headers.add(Map.entry(member.wireName(), "1"));
                default -> {
                    // labels are in the path; body members do not route
                }
            }
        }));
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return new WireRequest(operation.http().method(), path, query.toString(), headers, StreamingBlob.of(new byte[0]));
    }
}
