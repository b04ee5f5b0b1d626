//! `wellpress-comments [--root DIR] [--port PORT]`: the local comment
//! receiver that `scripts/serve` runs beside the demo site.

use std::{env, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let mut root = PathBuf::from(".");
    let mut port = 8081;
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--root", Some(value)) => root = value.into(),
            ("--port", Some(value)) if value.parse::<u16>().is_ok() => {
                port = value.parse().unwrap_or(port)
            }
            _ => {
                eprintln!("usage: wellpress-comments [--root DIR] [--port PORT]");
                return ExitCode::FAILURE;
            }
        }
    }
    match wellpress_content::receiver::serve(root, port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
