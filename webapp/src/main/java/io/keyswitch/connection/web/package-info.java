/** Pages of technician connections: My machines, the live list on the home page, the history. */
package io.keyswitch.connection.web;
