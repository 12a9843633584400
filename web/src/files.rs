//! The files a person chose, read as bytes in the page (the Argentine tabs, which check small
//! files there rather than in the worker).

/// What [`read_files`] hands over: the files read (name, bytes) and what could not be read.
/// Boxed, so one copy of the reading code serves every caller.
pub type FilesRead = Box<dyn Fn(Vec<(String, Vec<u8>)>, Vec<String>)>;

/// Reads every file of a list as bytes, then hands them over with their names.
pub fn read_files(list: Option<web_sys::FileList>, done: FilesRead) {
    let files: Vec<web_sys::File> = list
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default();
    if files.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        let (mut read, mut failed) = (Vec::new(), Vec::new());
        for file in files {
            let name = file.name();
            match gloo_file::futures::read_as_bytes(&gloo_file::File::from(file).into()).await {
                Ok(bytes) => read.push((name, bytes)),
                Err(e) => failed.push(format!("No se pudo leer {name}: {e}")),
            }
        }
        done(read, failed);
    });
}
