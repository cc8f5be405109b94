//! The small HTTP/1.1 server behind `serve`: one thread per connection,
//! `Connection: close`, files from memory, and a server-sent-events stream
//! that tells open pages to reload. Only GET and HEAD are answered.

use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

pub struct Request {
    pub method: String,
    /// The request target as sent ("/khanh-hoa/?q=1").
    pub target: String,
}

/// Reads the request line and skips the headers (a request body, which
/// GET and HEAD do not have, is ignored).
pub fn read_request(stream: &TcpStream) -> io::Result<Request> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    // Bounds what one request may send before its headers end.
    let mut reader = BufReader::new(io::Read::take(stream, 64 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "bad request line",
        ));
    };
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim_end().is_empty() {
            break;
        }
    }
    Ok(request)
}

/// Why a request path is not served.
#[derive(Debug, PartialEq, Eq)]
pub enum PathError {
    /// Not a path, or a malformed escape.
    Bad,
    /// A path that would leave the site ("..", encoded or not).
    Escapes,
}

/// The output path (relative to the site, "khanh-hoa/index.html") a request
/// target asks for. Percent escapes are decoded once, and a `.` or `..`
/// segment, a backslash or a NUL byte in the decoded path is refused, so
/// `/../`, `/%2e%2e/` and `/..%2f` never reach outside the site.
pub fn output_path(target: &str) -> Result<String, PathError> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = path.strip_prefix('/') else {
        return Err(PathError::Bad);
    };
    let decoded = percent_decode(path).ok_or(PathError::Bad)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return Err(PathError::Escapes);
    }
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return Err(PathError::Escapes);
    }
    if decoded.contains("//") {
        return Err(PathError::Bad);
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Ok(format!("{decoded}index.html"))
    } else {
        Ok(decoded)
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

pub fn respond(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_urls_to_output_files() {
        assert_eq!(output_path("/").unwrap(), "index.html");
        assert_eq!(
            output_path("/khanh-hoa/?q=1").unwrap(),
            "khanh-hoa/index.html"
        );
        assert_eq!(output_path("/style.css").unwrap(), "style.css");
        assert_eq!(output_path("/t%C3%AAn/").unwrap(), "tên/index.html");
    }

    #[test]
    fn refuses_paths_that_escape_in_any_spelling() {
        for target in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/..%2fconfig.toml",
            "/a/%2e%2e/%2e%2e/x",
            "/..\\x",
            "/%5c..%5cx",
            "/./x",
        ] {
            assert_eq!(
                output_path(target),
                Err(PathError::Escapes),
                "{target} must be refused"
            );
        }
        assert_eq!(output_path("x"), Err(PathError::Bad));
        assert_eq!(output_path("/%zz"), Err(PathError::Bad));
    }
}
