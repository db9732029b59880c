/** The REST resources of approvals: the rules per device and project, the account's answer time, requests and answers. */
package io.keyswitch.approval.api;
