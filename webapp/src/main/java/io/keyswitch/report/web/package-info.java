/** The one report page, {@code reports.xhtml?kind=…}: any kind's filters, keyed pages, totals, CSV and PDF, print style. */
package io.keyswitch.report.web;
