package dev.haneul.sts.api;

import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import dev.haneul.core.resource.ApiDelegate;
import dev.haneul.core.resource.ResourceRegistry;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * AWS STS. With the IAM service present, IAM answers the operations (it owns roles, users and the
 * temporary credentials it checks on every call). Without it, callers are identified by their access key alone: the
 * default key {@code test} is the account's root user, as local AWS emulators conventionally
 * answer; any other key is an IAM user named after the key, with a stable {@code AIDA…} id.
 */
public final class StsProvider implements ServiceProvider {

    private static final ServiceModel MODEL = ServiceModel.fromResource(StsProvider.class, "/dev/haneul/sts/service-2.json");
    private static final String ROOT_ACCESS_KEY = "test";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final @Nullable ResourceRegistry registry;
    private final Operations operations = Operations.builder(MODEL)
            .add("GetCallerIdentity", GetCallerIdentityRequest::builder, this::getCallerIdentity)
            .build();

    /** STS alone: callers are identified by their access key (see the class comment). */
    public StsProvider() {
        this(null);
    }

    /**
     * STS whose operations are answered by the {@link ApiDelegate} IAM publishes in
     * {@code registry} (users, roles, temporary credentials), when there is one.
     */
    public StsProvider(@Nullable ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "sts";
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        Optional<ApiDelegate> delegate = registry == null ? Optional.empty()
                : registry.find(ApiDelegate.arnFor("sts"), ApiDelegate.class);
        if (delegate.isPresent()) {
            return delegate.get().invoke(context, operation, input);
        }
        return operations.invoke(context, operation, input);
    }

    /**
     * <a href="https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html">GetCallerIdentity</a>.
     */
    GetCallerIdentityResponse getCallerIdentity(RequestContext context, GetCallerIdentityRequest request) {
        String account = context.accountId();
        String key = context.accessKeyId();
        if (key.equals(ROOT_ACCESS_KEY)) {
            return GetCallerIdentityResponse.builder()
                    .account(account)
                    .userId(account)
                    .arn("arn:aws:iam::" + account + ":root")
                    .build();
        }
        return GetCallerIdentityResponse.builder()
                .account(account)
                .userId(userId(key))
                .arn("arn:aws:iam::" + account + ":user/" + key)
                .build();
    }

    /** A stable IAM-style unique id ({@code AIDA} + 17 base32 characters) for an access key. */
    static String userId(String accessKeyId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(accessKeyId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder("AIDA");
        for (int i = 0; i < 17; i++) {
            id.append(BASE32[(digest[i] & 0xff) % 32]);
        }
        return id.toString();
    }
}
