/**
 * The STS operations, answered with IAM's state (roles, users, sessions) on behalf of the STS
 * module, which publishes the API and delegates to {@link dev.haneul.iam.sts.StsOperations}
 * through the registry's {@link dev.haneul.core.resource.ApiDelegate} view.
 */
@NullMarked
package dev.haneul.iam.sts;

import org.jspecify.annotations.NullMarked;
