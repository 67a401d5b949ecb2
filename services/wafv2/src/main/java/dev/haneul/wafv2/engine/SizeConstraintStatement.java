package dev.haneul.wafv2.engine;

/** {@code SizeConstraintStatement}: the size in bytes of the transformed content against a number. */
final class SizeConstraintStatement implements Statement {

    enum Operator { EQ, NE, LE, LT, GE, GT }

    private final FieldToMatch field;
    private final Transforms transforms;
    private final Operator operator;
    private final long size;

    SizeConstraintStatement(FieldToMatch field, Transforms transforms, Operator operator, long size) {
        this.field = field;
        this.transforms = transforms;
        this.operator = operator;
        this.size = size;
    }

    @Override
    public boolean matches(Evaluation ev) {
        if (field.kind() == FieldToMatch.Kind.BODY && ev.request.bodyTruncated() && transforms.size() == 0) {
            // Past the inspection limit the body's size is what the request announces (CONTINUE).
            if (ev.contents(field, transforms) == null) {
                return ev.forcedMatch();
            }
            return compare(declaredBodySize(ev));
        }
        return ev.inspect(field, transforms, v -> compare(v.length()));
    }

    private long declaredBodySize(Evaluation ev) {
        String cl = ev.request.request().header("content-length");
        long inspected = ev.request.body().length() + 1L;
        if (cl != null) {
            try {
                return Math.max(inspected, Long.parseLong(cl.strip()));
            } catch (NumberFormatException e) {
                return inspected;
            }
        }
        return inspected;
    }

    boolean compare(long actual) {
        return switch (operator) {
            case EQ -> actual == size;
            case NE -> actual != size;
            case LE -> actual <= size;
            case LT -> actual < size;
            case GE -> actual >= size;
            case GT -> actual > size;
        };
    }
}
