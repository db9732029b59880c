/** The development launcher: the portal on Payara Micro with an embedded MariaDB, as the Quick start runs it and as the tests start it. */
package io.keyswitch.launcher;
