package com.truustrules.action.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A firing key from event data cannot become a spreadsheet formula in the daily report. */
class ReportCellTest {

    @Test
    void cellsThatASpreadsheetWouldReadAsAFormulaAreNeutralised() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", SendReport.cell("=HYPERLINK(\"http://evil.example\")"));
        assertEquals("'+1+cmd|' /C calc'!A0", SendReport.cell("+1+cmd|' /C calc'!A0"));
        assertEquals("'-2+3", SendReport.cell("-2+3"));
        assertEquals("'@SUM(A1:A9)", SendReport.cell("@SUM(A1:A9)"));
        assertEquals("'\tx", SendReport.cell("\tx"));
        assertEquals("\"'\rx\"", SendReport.cell("\rx"));
        assertEquals("\"'=1,2\"", SendReport.cell("=1,2"));
        assertEquals("once:ana@example.com", SendReport.cell("once:ana@example.com"));
        assertEquals("\"a,b\"", SendReport.cell("a,b"));
    }
}
