/** API tokens: created in the portal, shown once, stored hashed, revocable; the API's authentication. */
package io.keyswitch.security.api;
