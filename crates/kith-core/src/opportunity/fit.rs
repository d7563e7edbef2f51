//! How well a company fits what matters to the seeker: their rubric (values in their own
//! words, each weighted 0–5) against the company's scores (0–5, each with evidence).
//!
//! The fit is the weighted mean of the scored values as a percentage of the best possible
//! (every value scored 5): Σ weight × score / Σ weight × 5 over the values scored. Values
//! not scored yet do not pull the fit down; `coverage` says how much of the rubric's
//! weight the fit rests on, so a 100 % fit on one minor value reads as what it is.

use serde::Serialize;

use super::{SCALE_MAX, Value, ValueScore};

/// One row of the rubric for one company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub value: String,
    pub weight: u8,
    pub score: Option<u8>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// 0–100, to a whole percent; `None` until something with weight is scored.
    pub percent: Option<f64>,
    /// Share of the rubric's total weight that is scored, 0–100.
    pub coverage: f64,
    pub lines: Vec<Line>,
    /// How it was computed, in a sentence.
    pub because: String,
}

pub fn fit(rubric: &[Value], scores: &[ValueScore]) -> Fit {
    let mut got = 0u32;
    let mut best = 0u32;
    let mut total = 0u32;
    let lines: Vec<Line> = rubric
        .iter()
        .map(|v| {
            let score = scores.iter().find(|s| s.value == v.name);
            total += u32::from(v.weight);
            if let Some(s) = score {
                got += u32::from(v.weight) * u32::from(s.score);
                best += u32::from(v.weight) * u32::from(SCALE_MAX);
            }
            Line {
                value: v.name.clone(),
                weight: v.weight,
                score: score.map(|s| s.score),
                evidence: score.and_then(|s| s.evidence.clone()),
            }
        })
        .collect();
    let percent = (best > 0).then(|| (f64::from(got) * 100.0 / f64::from(best)).round());
    let coverage = if total == 0 {
        0.0
    } else {
        (f64::from(best / u32::from(SCALE_MAX)) * 100.0 / f64::from(total)).round()
    };
    let scored = lines.iter().filter(|l| l.score.is_some()).count();
    let because = match percent {
        None if rubric.is_empty() => "no values rubric yet: kith values set NAME=WEIGHT …".into(),
        None => "no value with weight scored yet: kith values score COMPANY VALUE SCORE".into(),
        Some(_) => format!(
            "weighted scores {got} of a possible {best} over {scored} of {} values \
             ({coverage}% of the rubric's weight)",
            lines.len()
        ),
    };
    Fit {
        percent,
        coverage,
        lines,
        because,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompanyId;
    use jiff::Timestamp;

    fn rubric(values: &[(&str, u8)]) -> Vec<Value> {
        values
            .iter()
            .map(|(n, w)| Value {
                name: (*n).into(),
                weight: *w,
            })
            .collect()
    }

    fn scores(values: &[(&str, u8)]) -> Vec<ValueScore> {
        values
            .iter()
            .map(|(n, s)| ValueScore {
                company: CompanyId::new(),
                value: (*n).into(),
                score: *s,
                evidence: Some(format!("heard about {n}")),
                interaction: None,
                scored_at: Timestamp::UNIX_EPOCH,
            })
            .collect()
    }

    #[test]
    fn the_fit_is_the_weighted_share_of_the_best_over_what_is_scored() {
        let r = rubric(&[("mission", 5), ("remote", 3), ("stack", 2), ("size", 0)]);
        // (scores given, fit, coverage)
        type Case = (&'static [(&'static str, u8)], Option<f64>, f64);
        let cases: [Case; 6] = [
            (&[], None, 0.0),
            (
                &[("mission", 5), ("remote", 5), ("stack", 5)],
                Some(100.0),
                100.0,
            ),
            (
                &[("mission", 0), ("remote", 0), ("stack", 0)],
                Some(0.0),
                100.0,
            ),
            // (5·4 + 3·2) / (5·5 + 3·5) = 26 / 40
            (&[("mission", 4), ("remote", 2)], Some(65.0), 80.0),
            // Weight 0 counts for nothing either way.
            (&[("size", 5)], None, 0.0),
            // A score for a value no longer in the rubric is ignored.
            (&[("salary", 5), ("stack", 1)], Some(20.0), 20.0),
        ];
        for (given, percent, coverage) in cases {
            let f = fit(&r, &scores(given));
            assert_eq!(f.percent, percent, "{given:?}: {}", f.because);
            assert_eq!(f.coverage, coverage, "{given:?}");
            assert_eq!(f.lines.len(), 4);
        }
    }

    #[test]
    fn lines_keep_the_rubric_order_and_the_evidence() {
        let r = rubric(&[("mission", 5), ("remote", 3)]);
        let f = fit(&r, &scores(&[("remote", 4)]));
        assert_eq!(f.lines[0].value, "mission");
        assert_eq!(f.lines[0].score, None);
        assert_eq!(f.lines[1].evidence.as_deref(), Some("heard about remote"));
        assert!(f.because.contains("1 of 2 values"), "{}", f.because);
        assert!(fit(&[], &[]).because.contains("no values rubric"));
    }
}
