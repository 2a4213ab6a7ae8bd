import { describe, expect, it } from 'vitest';
import { xReportFilename } from '../../../api/reports/days.js';

describe("the X report's file name", () => {
  it("says when it was taken on the shop's clock, not in UTC", () => {
    // 05:50 UTC is 13:50 in Shanghai, where the manager took it.
    expect(xReportFilename(Date.parse('2026-12-01T05:50:12.345Z'), 'Asia/Shanghai')).toBe('x-report-2026-12-01T1350.csv');
    // Just after the shop's midnight it is already the next day there.
    expect(xReportFilename(Date.parse('2026-12-01T16:05:00Z'), 'Asia/Shanghai')).toBe('x-report-2026-12-02T0005.csv');
    expect(xReportFilename(Date.parse('2026-12-01T05:50:00Z'), 'UTC')).toBe('x-report-2026-12-01T0550.csv');
  });
});
