/**
 * The Haneul server process: wires configuration, event loops, state, the engine supervisor, the
 * providers and the gateway together, and nothing clever besides.
 */
@NullMarked
package dev.haneul.server;

import org.jspecify.annotations.NullMarked;
