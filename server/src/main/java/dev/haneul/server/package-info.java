/**
 * The Haneul server process: wires configuration, event loops, state, the engine supervisor, the
 * providers and the gateway together, and nothing clever besides.
 */
package dev.haneul.server;
