package dev.haneul.core.gateway;

/**
 * One step of the gateway's chain around a provider, in the order {@link ApiDispatcher} runs
 * them: every interceptor's {@link #beforeDecode} once the service is known, then the codec
 * decodes and the model validates, then every interceptor's {@link #beforeInvoke}, then the
 * provider. The chain today: {@link SignatureVerification} (authentication); IAM's
 * authorization joins it as a {@code beforeInvoke} step.
 *
 * <p>An interceptor refuses a call by throwing the AWS error its caller should get
 * ({@code AwsServiceException}); the dispatcher writes it in the service's protocol. It runs on
 * the request's virtual thread, so it may block briefly (a lookup), never for long.
 */
public interface ApiInterceptor {

    /**
     * Before anything of the body is decoded: who is calling (signature, credentials). The call
     * carries the raw request, the service and the credential scope; not yet the operation.
     */
    default void beforeDecode(ApiCall call) {}

    /**
     * Once the operation and its input are decoded and valid, before the provider runs: may the
     * caller do it ({@link ApiCall#operation()}, {@link ApiCall#input()}).
     */
    default void beforeInvoke(ApiCall call) {}
}
