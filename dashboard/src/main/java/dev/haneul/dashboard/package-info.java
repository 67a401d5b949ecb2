/**
 * The dashboard at {@code /_haneul/}: a live SVG diagram of the architecture over server-sent
 * events, joined from the providers' Describe answers, their traffic counters and the
 * {@code /proc} socket tables; pages per resource kind; and actions taken through the AWS API as
 * a user's script would. Changes need the server's token (or, with signatures on, a login).
 */
@NullMarked
package dev.haneul.dashboard;

import org.jspecify.annotations.NullMarked;
