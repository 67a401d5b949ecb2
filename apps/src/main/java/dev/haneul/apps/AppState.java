package dev.haneul.apps;

import java.util.Map;
import java.util.TreeMap;

/** The apps Haneul keeps, persisted: each one's spec and whether it should be running. */
public final class AppState {

    /** App name → its record. */
    public Map<String, App> apps = new TreeMap<>();

    /** One app: how to run it, and whether the user wants it running. */
    public record App(AppSpec spec, boolean running) {}
}
