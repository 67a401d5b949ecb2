package dev.haneul.demo;

/**
 * One app as the apps API shows it.
 *
 * @param name its name, such as {@code board-1}
 * @param state {@code running}, {@code starting}, {@code stopping}, {@code stopped}, {@code exited}
 *     (it died, or was killed, and stays down until started) or {@code failed}
 * @param pid its process id, or 0
 * @param url where it serves HTTP, {@code http://127.0.0.1:<port>}
 * @param port its HTTP port
 * @param wanted whether it should be running
 * @param log its log file
 */
public record AppStatus(String name, String state, long pid, String url, int port, boolean wanted, String log) {

    public boolean running() {
        return state.equals("running");
    }
}
