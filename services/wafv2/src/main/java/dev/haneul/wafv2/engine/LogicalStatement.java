package dev.haneul.wafv2.engine;

import java.util.List;

/** {@code AndStatement}, {@code OrStatement} and {@code NotStatement}, short-circuiting. */
final class LogicalStatement implements Statement {

    enum Op { AND, OR, NOT }

    private final Op op;
    private final Statement[] children;

    LogicalStatement(Op op, List<Statement> children) {
        this.op = op;
        this.children = children.toArray(new Statement[0]);
    }

    @Override
    public boolean matches(Evaluation ev) {
        switch (op) {
            case NOT:
                return !children[0].matches(ev);
            case AND:
                for (Statement s : children) {
                    if (!s.matches(ev)) {
                        return false;
                    }
                }
                return true;
            default:
                for (Statement s : children) {
                    if (s.matches(ev)) {
                        return true;
                    }
                }
                return false;
        }
    }
}
