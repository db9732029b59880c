/** PDF documents the portal hands out (work reports, and the reports after them): one titled table document, OpenPDF. */
package io.keyswitch.platform.pdf;
