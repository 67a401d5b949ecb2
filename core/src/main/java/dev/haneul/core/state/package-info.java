/**
 * Each service's resources, partitioned by account and region and persisted as one JSON file per
 * scope: {@link dev.haneul.core.state.ScopedStore} writes all or nothing (the file is replaced
 * atomically before a call is acknowledged, and a change that cannot be saved is undone), and
 * names what it could not read at start-up.
 */
@NullMarked
package dev.haneul.core.state;

import org.jspecify.annotations.NullMarked;
