/** The API's authentication by bearer token, and the API to list and revoke one's tokens. */
package io.keyswitch.token.api;
