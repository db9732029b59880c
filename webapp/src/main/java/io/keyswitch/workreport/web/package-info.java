/** The work report pages: a technician's open reports and the report form, the lists with their exports, the account's rule and extra fields. */
package io.keyswitch.workreport.web;
