/**
 * The user's own application processes — the app servers an architecture puts behind its load
 * balancer — started, watched and stopped by Haneul like its engines, through
 * {@code /_haneul/api/apps}. In AWS they would be EC2 instances; Haneul does not emulate EC2, so this
 * small API is Haneul's own, used by {@code haneul demo}, the labs, the dashboard and the CLI alike.
 * What may run is the {@link dev.haneul.apps.AppCatalogue}'s: a request picks a kind and gives checked
 * parameters, never a command.
 */
@NullMarked
package dev.haneul.apps;

import org.jspecify.annotations.NullMarked;
