/**
 * Haneul's shared core: protocols, the API gateway, SigV4, state, process supervision and TCP
 * proxying. Nothing here knows about a single AWS service.
 */
@NullMarked
package dev.haneul.core;

import org.jspecify.annotations.NullMarked;
