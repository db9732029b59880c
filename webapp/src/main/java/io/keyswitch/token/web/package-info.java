/** The page where users create, see and revoke their API tokens. */
package io.keyswitch.token.web;
