//! Calendar arithmetic for date resolution (proleptic Gregorian, no time zones).
//!
//! In: years, months, days. Out: day numbers, weekdays, ISO weeks, shifted dates. Every
//! function accepts out-of-range input without panicking (callers validate first; impossible
//! dates are rejected by [`valid`]).

use crate::model::{days_in_month, Ymd};

/// Whether `y-m-d` is a real calendar date with a four-digit year.
pub fn valid(y: i64, m: u32, d: u32) -> bool {
    (1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y as i32, m)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

pub fn to_days(d: Ymd) -> i64 {
    days_from_civil(d.year, d.month, d.day)
}

/// A date `n` days after `d` (`n` may be negative); `None` outside years 1..=9999.
pub fn add_days(d: Ymd, n: i64) -> Option<Ymd> {
    let (y, m, dd) = civil_from_days(to_days(d).checked_add(n)?);
    valid(i64::from(y), m, dd).then_some(Ymd { year: y, month: m, day: dd })
}

/// ISO weekday, Monday = 1 … Sunday = 7.
pub fn weekday(d: Ymd) -> u32 {
    // 1970-01-01 was a Thursday (4).
    ((to_days(d) + 3).rem_euclid(7) + 1) as u32
}

/// ISO 8601 week-numbering year and week.
pub fn iso_week(d: Ymd) -> (i32, u32) {
    let wd = i64::from(weekday(d));
    let thursday = to_days(d) - wd + 4;
    let (y, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(y, 1, 1);
    (y, ((thursday - jan1) / 7 + 1) as u32)
}

/// `(year, month)` shifted by `n` months.
pub fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
    (total.div_euclid(12) as i32, (total.rem_euclid(12) + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Ymd {
        Ymd { year: y, month: m, day: d }
    }

    #[test]
    fn days_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 19_000, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    /// Weekdays and ISO weeks checked against a printed calendar.
    #[test]
    fn weekdays_and_iso_weeks() {
        assert_eq!(weekday(ymd(2023, 9, 26)), 2); // a Tuesday
        assert_eq!(weekday(ymd(2008, 3, 6)), 4); // a Thursday
        assert_eq!(iso_week(ymd(2006, 3, 28)), (2006, 13));
        assert_eq!(iso_week(ymd(2010, 1, 3)), (2009, 53));
        assert_eq!(iso_week(ymd(2008, 12, 29)), (2009, 1));
    }

    #[test]
    fn month_and_day_shifts() {
        assert_eq!(add_months(2021, 1, -1), (2020, 12));
        assert_eq!(add_months(2021, 12, 1), (2022, 1));
        assert_eq!(add_days(ymd(2008, 2, 28), 1), Some(ymd(2008, 2, 29)));
        assert_eq!(add_days(ymd(9999, 12, 31), 1), None);
        assert!(!valid(2021, 2, 30) && !valid(2021, 13, 1) && !valid(99999, 1, 1));
    }
}
