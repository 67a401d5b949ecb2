package dev.haneul.apps;

/**
 * What one app looks like right now, for the API, the dashboard and {@code haneul status}.
 *
 * @param name the app's name
 * @param kind its catalogue entry, such as {@code board}
 * @param state {@code running}, {@code starting}, {@code stopping}, {@code stopped}, {@code exited}
 *     (it died and stays down until started again) or {@code failed} (it could not start)
 * @param pid the current or last process id, or 0
 * @param url where it serves, {@code http://127.0.0.1:<port>}
 * @param wanted whether the user wants it running
 * @param log its log file
 */
public record AppView(String name, String kind, String state, long pid, String url, int port, boolean wanted, String log) {}
