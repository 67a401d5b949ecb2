package dev.haneul.elbv2.dataplane;

/** A bound listener of either kind. */
interface Listener extends AutoCloseable {

    String arn();

    /** The port it listens on. */
    int port();

    /** Client connections open now. */
    int connections();

    @Override
    void close();
}
