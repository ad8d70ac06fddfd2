import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../src/server/platform/work-calendar";

// Instants are written in Beijing time.
const bj = (s: string) => new Date(s + "+08:00");

describe("working-hours calendar", () => {
  const cal = new WorkCalendar([
    { day: "2024-10-01", kind: "holiday" },
    { day: "2024-10-02", kind: "holiday" },
    { day: "2024-10-03", kind: "holiday" },
    { day: "2024-10-04", kind: "holiday" },
    { day: "2024-10-07", kind: "holiday" },
    { day: "2024-09-29", kind: "workday" },
    { day: "2024-10-12", kind: "workday" },
  ]);

  it("counts only working windows of working days", () => {
    expect(cal.addWorkingHours(bj("2024-09-23T09:00:00"), 2).toISOString()).toBe(bj("2024-09-23T11:00:00").toISOString());
    // over lunch: 11:00 + 2 h = 14:30
    expect(cal.addWorkingHours(bj("2024-09-23T11:00:00"), 2).toISOString()).toBe(bj("2024-09-23T14:30:00").toISOString());
    // Friday 17:00 + 1 h: half an hour on Friday, the rest on Monday morning
    expect(cal.addWorkingHours(bj("2024-09-20T17:00:00"), 1).toISOString()).toBe(bj("2024-09-23T09:30:00").toISOString());
    // a report at night starts counting next morning
    expect(cal.addWorkingHours(bj("2024-09-23T22:00:00"), 1).toISOString()).toBe(bj("2024-09-24T10:00:00").toISOString());
  });

  it("skips public holidays and counts weekend working days (调休)", () => {
    // Sunday 29 Sep 2024 is a working day
    expect(cal.addWorkingHours(bj("2024-09-28T10:00:00"), 1).toISOString()).toBe(bj("2024-09-29T10:00:00").toISOString());
    // Monday 30 Sep 17:00 + 2 h: 0.5 h that day, then the holiday week, 5 and 6 Oct are weekend, 7 Oct holiday → 8 Oct
    expect(cal.addWorkingHours(bj("2024-09-30T17:00:00"), 2).toISOString()).toBe(bj("2024-10-08T10:30:00").toISOString());
  });

  it("measures working hours between two instants", () => {
    expect(cal.workingHoursBetween(bj("2024-09-23T09:00:00"), bj("2024-09-23T17:30:00"))).toBe(7);
    expect(cal.workingHoursBetween(bj("2024-09-20T17:00:00"), bj("2024-09-23T09:30:00"))).toBe(1);
    expect(cal.workingHoursBetween(bj("2024-09-23T10:00:00"), bj("2024-09-23T09:00:00"))).toBe(0);
  });
});
