/** The pages of approvals: who approves a device or project, the requests to answer or made, the window's warning. */
package io.keyswitch.approval.web;
