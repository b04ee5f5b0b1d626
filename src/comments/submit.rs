//! What happens when the reader presses "Post Comment", decided from what
//! the form holds, with no browser in sight: the form (form.rs) gathers a
//! [`Submission`], asks [`decide`], and acts on the [`Decision`].

use super::{
    captcha::Answer,
    rules::{self, Field, Fields},
};

/// The second click of a double click comes this soon after the first.
pub const DOUBLE_CLICK_MS: f64 = 1500.0;

/// What the form holds at the press, with times in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission<'a> {
    /// Now.
    pub now_ms: f64,
    /// Whether the last comment is still being sent.
    pub sending: bool,
    /// When the last comment was posted (0: never).
    pub posted_at_ms: f64,
    /// When the form was shown, or last told the reader they were quick.
    pub shown_at_ms: f64,
    /// When the captcha's equation was issued.
    pub issued_at_ms: f64,
    /// Below this long after showing the form, a post is taken for a robot's.
    pub min_ms: f64,
    /// How long an equation stays valid; 0 for no limit.
    pub limit_ms: f64,
    /// The captcha, checked.
    pub answer: Answer,
    /// What the reader wrote.
    pub fields: &'a Fields,
    /// Whether the hidden field that only robots fill has text.
    pub trap_filled: bool,
}

/// Why the captcha stops a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptchaProblem {
    /// Nothing typed.
    Empty,
    /// Not the answer.
    Wrong,
    /// Right, but the equation's time ran out.
    Expired,
}

impl CaptchaProblem {
    /// What the form says, in WordPress's words.
    pub fn message(self) -> &'static str {
        match self {
            CaptchaProblem::Empty => "Please enter captcha value.",
            CaptchaProblem::Wrong => "Invalid captcha value.",
            CaptchaProblem::Expired => "Captcha time expired.",
        }
    }

    /// Whether the reader gets a fresh equation: a wrong or expired one is
    /// not asked again.
    pub fn needs_new_equation(self) -> bool {
        matches!(self, CaptchaProblem::Wrong | CaptchaProblem::Expired)
    }
}

/// What the form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The second click of a double click, or one while sending: nothing.
    Ignore,
    /// Something must be put right first: every problem in the form's order,
    /// the first to be focused, and the captcha's, if any.
    Problems {
        /// Each field with its message, in the order of the form.
        problems: Vec<(Field, &'static str)>,
        /// The captcha's problem, if it has one.
        captcha: Option<CaptchaProblem>,
    },
    /// Posted sooner than a person could read it through: ask again.
    TooQuick,
    /// The trap field has text: a robot, thanked like anyone and sent
    /// nowhere.
    Trapped,
    /// Post it.
    Send,
}

/// Decides what a press of "Post Comment" does.
pub fn decide(s: &Submission<'_>) -> Decision {
    if s.sending || s.now_ms - s.posted_at_ms < DOUBLE_CLICK_MS {
        return Decision::Ignore;
    }
    let expired = s.limit_ms > 0.0 && s.now_ms - s.issued_at_ms > s.limit_ms;
    let captcha = match s.answer {
        Answer::Empty => Some(CaptchaProblem::Empty),
        Answer::Wrong => Some(CaptchaProblem::Wrong),
        Answer::Right if expired => Some(CaptchaProblem::Expired),
        Answer::Right => None,
    };
    let problems: Vec<(Field, &'static str)> = Field::ORDER
        .iter()
        .filter_map(|&field| match field {
            Field::Captcha => captcha.map(|c| (field, c.message())),
            field => rules::check(field, s.fields).map(|m| (field, m)),
        })
        .collect();
    if !problems.is_empty() {
        return Decision::Problems { problems, captcha };
    }
    if s.now_ms - s.shown_at_ms < s.min_ms {
        return Decision::TooQuick;
    }
    if s.trap_filled {
        return Decision::Trapped;
    }
    Decision::Send
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        Fields {
            comment: "Thanks, this helped.".into(),
            name: "Ann".into(),
            email: "ann@example.org".into(),
            url: String::new(),
        }
    }

    fn submission(fields: &Fields) -> Submission<'_> {
        Submission {
            now_ms: 100_000.0,
            sending: false,
            posted_at_ms: 0.0,
            shown_at_ms: 50_000.0,
            issued_at_ms: 50_000.0,
            min_ms: 3_000.0,
            limit_ms: 0.0,
            answer: Answer::Right,
            fields,
            trap_filled: false,
        }
    }

    #[test]
    fn a_complete_comment_is_sent() {
        assert_eq!(decide(&submission(&fields())), Decision::Send);
    }

    #[test]
    fn a_double_click_or_a_press_while_sending_does_nothing() {
        let fields = fields();
        let twice = Submission {
            posted_at_ms: 99_000.0,
            ..submission(&fields)
        };
        assert_eq!(decide(&twice), Decision::Ignore);
        let sending = Submission {
            sending: true,
            ..submission(&fields)
        };
        assert_eq!(decide(&sending), Decision::Ignore);
    }

    #[test]
    fn every_problem_is_listed_in_the_form_order_with_the_captcha_last() {
        let empty = Fields::default();
        let wrong = Submission {
            answer: Answer::Wrong,
            ..submission(&empty)
        };
        let Decision::Problems { problems, captcha } = decide(&wrong) else {
            panic!("an empty form is not sent");
        };
        let order: Vec<Field> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            order,
            [Field::Comment, Field::Name, Field::Email, Field::Captcha]
        );
        assert_eq!(problems[3].1, "Invalid captcha value.");
        assert_eq!(captcha, Some(CaptchaProblem::Wrong));
        assert!(CaptchaProblem::Wrong.needs_new_equation());
        assert!(!CaptchaProblem::Empty.needs_new_equation());
    }

    #[test]
    fn a_right_answer_past_its_time_asks_again() {
        let fields = fields();
        let late = Submission {
            limit_ms: 30_000.0,
            issued_at_ms: 60_000.0,
            ..submission(&fields)
        };
        assert_eq!(
            decide(&late),
            Decision::Problems {
                problems: vec![(Field::Captcha, "Captcha time expired.")],
                captcha: Some(CaptchaProblem::Expired),
            }
        );
    }

    #[test]
    fn too_quick_then_the_trap_are_checked_after_the_fields() {
        let fields = fields();
        let quick = Submission {
            shown_at_ms: 99_000.0,
            trap_filled: true,
            ..submission(&fields)
        };
        assert_eq!(decide(&quick), Decision::TooQuick);
        let trapped = Submission {
            trap_filled: true,
            ..submission(&fields)
        };
        assert_eq!(decide(&trapped), Decision::Trapped);
    }
}
