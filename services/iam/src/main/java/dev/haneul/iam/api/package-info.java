/**
 * The IAM API (query protocol, 2010-05-08): users, groups, roles, managed and inline policies,
 * access keys, instance profiles, the simulator; and, behind the STS module's façade, the STS
 * operations that issue temporary credentials.
 */
@NullMarked
package dev.haneul.iam.api;

import org.jspecify.annotations.NullMarked;
