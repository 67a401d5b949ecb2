package dev.haneul.core.engine;

import java.io.IOException;

/**
 * No usable binaries for an engine from the allowed sources. The message says where each source
 * looked and why it was not used (missing, not executable, failed to run: a missing shared library
 * shows up here as the loader's own message).
 */
public final class EngineUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    EngineUnavailableException(String message) {
        super(message);
    }
}
