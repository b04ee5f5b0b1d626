//! What the disk alone costs the import: writes the files of an imported
//! site again, into an empty folder, from memory, with nothing to read or
//! convert, and prints the seconds that took as `{"seconds": …}`.
//!   write_files SITE EMPTY_FOLDER [THREADS=2]
//! Each file is made as the import makes it (`std::fs::write`: create,
//! write, close), its folders first. The import writes on one thread;
//! this writes on two by default, the most the disk could do on two
//! cores, the files shared out in runs of neighbours so that each thread
//! fills folders of its own.
//! Built by scripts/bench-import with `rustc -O`; it needs nothing else.

use std::{
    env, fs,
    path::{Path, PathBuf},
    thread,
    time::Instant,
};

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: write_files SITE EMPTY_FOLDER [THREADS]");
        std::process::exit(2);
    }
    let (site, into) = (Path::new(&args[1]), Path::new(&args[2]));
    let threads: usize = args
        .get(3)
        .map_or(2, |n| n.parse().expect("THREADS is a number"));

    let mut folders = Vec::new();
    let mut files = Vec::new();
    read(site, Path::new(""), &mut folders, &mut files);
    if fs::read_dir(into)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false)
    {
        eprintln!("write_files: {} is not empty", into.display());
        std::process::exit(2);
    }

    let start = Instant::now();
    for folder in &folders {
        fs::create_dir_all(into.join(folder)).expect("creating a folder");
    }
    let share = files.len().div_ceil(threads.max(1)).max(1);
    thread::scope(|scope| {
        for chunk in files.chunks(share) {
            scope.spawn(move || {
                for (relative, bytes) in chunk {
                    fs::write(into.join(relative), bytes).expect("writing a file");
                }
            });
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{{\"seconds\": {seconds:.2}, \"files\": {}, \"folders\": {}}}",
        files.len(),
        folders.len()
    );
}

/// Every folder and file under `site/relative`, in name order.
fn read(
    site: &Path,
    relative: &Path,
    folders: &mut Vec<PathBuf>,
    files: &mut Vec<(PathBuf, Vec<u8>)>,
) {
    let mut entries: Vec<_> = fs::read_dir(site.join(relative))
        .expect("reading the site")
        .map(|entry| entry.expect("reading the site"))
        .collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = relative.join(entry.file_name());
        if entry.file_type().expect("reading the site").is_dir() {
            folders.push(path.clone());
            read(site, &path, folders, files);
        } else {
            let bytes = fs::read(site.join(&path)).expect("reading a file");
            files.push((path, bytes));
        }
    }
}
