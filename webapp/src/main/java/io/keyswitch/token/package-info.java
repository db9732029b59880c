/** API tokens: created in the portal, shown once, stored hashed, revocable; the REST API's credentials. */
package io.keyswitch.token;
