/** Work reports as a report kind ("work-reports"): shown, exported and mailed on a schedule like every other report. */
package io.keyswitch.workreport.report;
