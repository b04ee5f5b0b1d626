//! `wellpress-prerender DIR`: writes an HTML file for every page of the
//! site built into DIR (trunk's staging folder), from the app's own
//! components. trunk runs it after release builds (see scripts/finish).
//! The base path comes from `--public-url`, or trunk's TRUNK_PUBLIC_URL.

use std::{env, fs, path::PathBuf, process::ExitCode, time::Instant};

use wellpress::{hosting, prerender, routes, site};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let started = Instant::now();
    let mut dir: Option<PathBuf> = None;
    let mut public_url = env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--public-url" => public_url = args.next().ok_or("--public-url needs a path")?,
            "-h" | "--help" => {
                println!("usage: wellpress-prerender [--public-url /blog/] DIR");
                return Ok(());
            }
            other if dir.is_none() && !other.starts_with('-') => dir = Some(other.into()),
            other => return Err(format!("unknown argument `{other}`: try --help")),
        }
    }
    let dir = dir.ok_or("which folder? usage: wellpress-prerender [--public-url /blog/] DIR")?;
    routes::set_base(&public_url);
    any_spawner::Executor::init_futures_executor()
        .map_err(|e| format!("starting the renderer: {e:?}"))?;

    let index_path = dir.join("index.html");
    let index = fs::read_to_string(&index_path)
        .map_err(|e| format!("reading {}: {e}", index_path.display()))?;
    let endpoint = site::config().comments.endpoint.as_deref();
    let index = prerender::without_app_preloads(&prerender::replace_base(&index));
    let (index, scripts) = prerender::externalize_scripts(&index);
    let index =
        prerender::with_policy_meta(&index, &hosting::content_security_policy(endpoint, true));
    for (name, text) in &scripts {
        write(&dir.join(name), text)?;
    }
    let template =
        prerender::Template::parse(&index).map_err(|e| format!("{}: {e}", index_path.display()))?;

    let pages = prerender::pages(&dir)
        .map_err(|e| format!("listing the pages in {}: {e}", dir.display()))?;
    let mut bytes = 0;
    for page in &pages {
        let data = match &page.data_file {
            Some(file) => Some(
                fs::read_to_string(file).map_err(|e| format!("reading {}: {e}", file.display()))?,
            ),
            None => None,
        };
        let rendered = prerender::render(&page.path, page.data_url.as_deref(), data.as_deref());
        let html = prerender::page_html(&template, page, &rendered, data.as_deref());
        bytes += html.len();
        write(&dir.join(&page.file), &html)?;
    }
    let top_level: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let policy = hosting::content_security_policy(endpoint, false);
    write(
        &dir.join("_headers"),
        &hosting::headers_file(&top_level, &policy),
    )?;
    write(&dir.join("_redirects"), &hosting::redirects_file())?;
    eprintln!(
        "wellpress-prerender: {} pages ({} KB of HTML) in {} ms",
        pages.len(),
        bytes / 1024,
        started.elapsed().as_millis()
    );
    Ok(())
}

fn write(path: &std::path::Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}
