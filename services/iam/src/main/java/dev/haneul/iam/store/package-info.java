/**
 * IAM's persistent state: users, groups, roles, customer managed policies and their versions,
 * instance profiles, access keys and STS sessions of one account, as one JSON file
 * ({@code state/iam/<account>/global.json}): IAM is a global service.
 */
@NullMarked
package dev.haneul.iam.store;

import org.jspecify.annotations.NullMarked;
