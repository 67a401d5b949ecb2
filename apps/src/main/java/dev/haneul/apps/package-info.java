/**
 * The user's own application processes — the app servers an architecture puts behind its load
 * balancer — started, watched and stopped by Haneul like its engines, through
 * {@code /_haneul/api/apps}. In AWS they would be EC2 instances; Haneul does not emulate EC2, so this
 * small API is Haneul's own, used by {@code haneul demo}, the dashboard and the CLI alike.
 */
package dev.haneul.apps;
