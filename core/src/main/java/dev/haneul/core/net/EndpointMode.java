package dev.haneul.core.net;

/**
 * How endpoints are told apart: by loopback address on the resource's port (the default, as AWS
 * tells them apart by host name), or by port on 127.0.0.1 for systems whose loopback interface
 * carries only 127.0.0.1 (macOS).
 */
public enum EndpointMode {
    ADDRESSES, PORTS
}
