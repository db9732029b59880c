/** The work report API: lists (filtered, paged), one report with its versions, the author's correction, CSV and PDF downloads. */
package io.keyswitch.workreport.api;
