package dev.haneul.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What an AWS CLI run printed and returned. */
public record AwsCliResult(int exitCode, String stdout, String stderr) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON the command printed (the CLI's default output). */
    public JsonNode json() {
        try {
            return JSON.readTree(stdout.isBlank() ? "{}" : stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + stdout, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
}
