//! What the receiver answers: Staticman's shapes, with a status that says
//! whether to try again, and what became of the comment for the log.

/// What the receiver answers.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: String,
    /// Seconds to wait before trying again, for `503` and `429`.
    pub retry_after: Option<u32>,
    /// What became of the comment, for the log: stored, pending,
    /// duplicate, trapped, or the error code.
    pub outcome: &'static str,
    /// Where to send a plain form post's reader (`303 See Other`).
    pub location: Option<String>,
}

impl Reply {
    /// An answer with no comment stored.
    pub fn new(status: u16, body: &str, outcome: &'static str) -> Reply {
        Reply {
            status,
            body: body.to_owned(),
            retry_after: None,
            outcome,
            location: None,
        }
    }

    /// Refused, with Staticman's error shape and a message for the reader.
    pub fn refused(status: u16, code: &'static str, message: &str) -> Reply {
        let body = serde_json::json!({ "success": false, "errorCode": code, "message": message });
        Reply::new(status, &body.to_string(), code)
    }

    /// Stored, or stored before (a retry).
    pub fn accepted(duplicate: bool) -> Reply {
        if duplicate {
            Reply::new(200, r#"{"success":true,"duplicate":true}"#, "duplicate")
        } else {
            Reply::new(200, r#"{"success":true}"#, "stored")
        }
    }

    pub(crate) fn because(mut self, outcome: &'static str) -> Reply {
        self.outcome = outcome;
        self
    }

    /// The comment could not be stored now; the browser keeps it and
    /// sends it again.
    pub fn cannot_save() -> Reply {
        Reply {
            retry_after: Some(60),
            ..Reply::refused(
                503,
                "CANNOT_SAVE",
                "The comment could not be saved just now. It is kept and sent again shortly.",
            )
        }
    }
}
