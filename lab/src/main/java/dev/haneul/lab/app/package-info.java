/**
 * The labs' web application: a login and a "who am I" behind the load balancer, with its sessions
 * in its own memory or in Redis. JDK only (no Spring, no driver), so an instance starts in a fraction
 * of a second and a lab can run six of them on two cores.
 */
@NullMarked
package dev.haneul.lab.app;

import org.jspecify.annotations.NullMarked;
