package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.StateWriteException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A provider's table of operations: each AWS operation name bound to one method that takes the
 * SDK's generated request class and returns its response class. Operations of the model that are
 * not bound answer a loud {@code NotImplemented} error rather than a fake success.
 *
 * <pre>{@code
 * Operations.builder(model)
 *     .add("GetCallerIdentity", GetCallerIdentityRequest::builder, this::getCallerIdentity)
 *     .build();
 * }</pre>
 */
public final class Operations {

    private final ServiceModel model;
    private final Map<String, Handler> handlers;

    private Operations(ServiceModel model, Map<String, Handler> handlers) {
        this.model = model;
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder builder(ServiceModel model) {
        return new Builder(model);
    }

    /** The names of the operations this provider implements. */
    public Set<String> implemented() {
        return handlers.keySet();
    }

    /**
     * Runs {@code operation} on its bound handler. A change the handler could not persist
     * ({@link StateWriteException}; the store has undone it) answers 503 {@code ServiceUnavailable},
     * AWS's common error for "a temporary failure of the server": nothing happened and the same call
     * may be retried once the data dir is writable again.
     */
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        Handler handler = handlers.get(operation.name());
        if (handler == null) {
            throw CommonErrors.notImplemented(model.serviceId(), operation.name());
        }
        try {
            return handler.invoke(context, input);
        } catch (StateWriteException e) {
            throw CommonErrors.serviceUnavailable("Haneul could not save this change, so it was not made: "
                    + e.describe() + ". Make the data dir writable and retry (request " + context.requestId() + ").");
        }
    }

    /** A handler working on value trees directly. */
    @FunctionalInterface
    public interface TreeHandler {
        Map<String, Object> invoke(RequestContext context, Map<String, Object> input);
    }

    private interface Handler {
        Map<String, Object> invoke(RequestContext context, Map<String, Object> input);
    }

    /** Collects operation bindings and checks each against the model. */
    public static final class Builder {
        private final ServiceModel model;
        private final Map<String, Handler> handlers = new LinkedHashMap<>();

        private Builder(ServiceModel model) {
            this.model = requireNonNull(model, "model");
        }

        /** Binds {@code operation} to a handler over the SDK's request and response classes. */
        public <I, O extends SdkPojo> Builder add(String operation, Supplier<? extends SdkBuilder<?, I>> request,
                                                  BiFunction<RequestContext, I, O> handler) {
            requireNonNull(request, "request");
            requireNonNull(handler, "handler");
            return bind(operation, (context, input) -> {
                I typed = SdkShapes.toSdk(request.get(), input);
                O output = handler.apply(context, typed);
                return output == null ? Map.of() : SdkShapes.toTree(output);
            });
        }

        /** Binds {@code operation} to a handler over value trees. */
        public Builder addTree(String operation, TreeHandler handler) {
            requireNonNull(handler, "handler");
            return bind(operation, handler::invoke);
        }

        private Builder bind(String operation, Handler handler) {
            requireNonNull(operation, "operation");
            if (model.operation(operation).isEmpty()) {
                throw new IllegalArgumentException("operation: " + operation + " (not in the " + model.serviceId() + " model)");
            }
            if (handlers.putIfAbsent(operation, handler) != null) {
                throw new IllegalArgumentException("operation: " + operation + " (bound twice)");
            }
            return this;
        }

        public Operations build() {
            return new Operations(model, handlers);
        }
    }
}
