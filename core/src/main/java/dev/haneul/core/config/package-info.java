/**
 * The server's settings, read once from {@code HANEUL_*} variables and flags into an immutable
 * {@link dev.haneul.core.config.HaneulConfig}, validated at start-up with the field named in
 * every refusal.
 */
@NullMarked
package dev.haneul.core.config;

import org.jspecify.annotations.NullMarked;
