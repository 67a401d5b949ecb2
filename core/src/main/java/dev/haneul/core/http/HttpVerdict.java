package dev.haneul.core.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** An {@link HttpInterceptor}'s decision on one request. */
public sealed interface HttpVerdict {

    /** Route the request unchanged. */
    HttpVerdict CONTINUE = new Continue(List.of());

    /**
     * Route the request, with these fields added for the target.
     *
     * @param addFields name, value, name, value, ... (ASCII, no CR or LF)
     */
    record Continue(List<String> addFields) implements HttpVerdict {
        public Continue {
            addFields = List.copyOf(addFields);
            if (addFields.size() % 2 != 0) {
                throw new IllegalArgumentException("addFields: " + addFields + " (expected: name, value pairs)");
            }
        }
    }

    /**
     * Answer the request here: it never reaches a target.
     *
     * @param status the status code (403 for WAF's default block)
     * @param fields name, value, name, value, ... (Content-Length is added)
     * @param body the body, may be empty
     */
    record Respond(int status, List<String> fields, byte[] body) implements HttpVerdict {
        public Respond {
            fields = List.copyOf(fields);
            requireNonNull(body, "body");
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("status: " + status + " (expected: 200..599)");
            }
            if (fields.size() % 2 != 0) {
                throw new IllegalArgumentException("fields: " + fields + " (expected: name, value pairs)");
            }
        }
    }

    /** The verdict is not known yet; the data plane applies it, on the connection's event loop, once it is. */
    record Pending(CompletionStage<HttpVerdict> verdict) implements HttpVerdict {
        public Pending {
            requireNonNull(verdict, "verdict");
        }
    }
}
