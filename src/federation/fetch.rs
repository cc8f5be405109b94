//! Getting a manifest's bytes: over HTTP(S) with a timeout and a size cap,
//! or from a file (a path relative to the site root).

use super::MAX_MANIFEST_BYTES;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

pub fn fetch(root: &Path, source: &str, timeout: Duration) -> Result<Vec<u8>, String> {
    let lower = source.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        fetch_http(source, timeout)
    } else if lower.contains("://") {
        Err("only http://, https:// or a file path can be loaded".to_string())
    } else {
        let path = root.join(source);
        let file = std::fs::File::open(&path)
            .map_err(|e| format!("unreachable: cannot read {}: {e}", path.display()))?;
        read_capped(file)
    }
}

fn fetch_http(url: &str, timeout: Duration) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(3)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| format!("unreachable ({e})"))?;
    response
        .body_mut()
        .with_config()
        .limit(MAX_MANIFEST_BYTES)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => too_big(),
            e => format!("unreachable ({e})"),
        })
}

fn read_capped(file: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    file.take(MAX_MANIFEST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("unreachable ({e})"))?;
    if bytes.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

fn too_big() -> String {
    format!("rejected: larger than the {MAX_MANIFEST_BYTES} bytes a manifest may have")
}
