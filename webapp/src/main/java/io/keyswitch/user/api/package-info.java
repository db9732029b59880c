/** The API of users and groups: JSON under /api/v1/users and /api/v1/groups, paged, with problem+json errors. */
package io.keyswitch.user.api;
