/** Specifications of the administration as a whole (issue 3): tenancy, rights, rules, import, audit, across every resource. */
package io.keyswitch.administration;
