package dev.haneul.elbv2.model;

/** A subnet of a load balancer and the Availability Zone Haneul places it in. */
public record SubnetRecord(String subnetId, String zoneName) {}
