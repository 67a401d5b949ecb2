package dev.haneul.wafv2.engine;

/** A compiled rule statement: whether one request matches it. Immutable, thread-safe. */
interface Statement {

    boolean matches(Evaluation ev);
}
