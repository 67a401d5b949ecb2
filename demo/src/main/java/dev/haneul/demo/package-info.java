/**
 * The reference architecture, provisioned as a user's script would: an Aurora MySQL cluster
 * (writer, two readers, a custom endpoint), an ElastiCache replication group (primary and replica,
 * automatic failover), an Application Load Balancer with a target group, and three instances of the
 * board sample application registered as its targets.
 *
 * <p>Everything goes through the AWS API with the AWS SDK for Java v2, and the app processes through
 * Haneul's apps API ({@code /_haneul/api/apps}), both over HTTP: this package never reaches into the
 * server. {@link dev.haneul.demo.Demo} is the entry point ({@code haneul demo} uses it, and so will the
 * labs); {@link dev.haneul.demo.AppsClient} is the apps API's client; {@link dev.haneul.demo.BoardJar}
 * finds, and builds when needed, the board's jar.
 */
@NullMarked
package dev.haneul.demo;

import org.jspecify.annotations.NullMarked;
