/** Remote consent: the operator's approvers approve or refuse a technician's request to connect to a device in a time window, and connections live only inside an approved window. */
package io.keyswitch.approval;
