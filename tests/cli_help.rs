//! `vanban <command> --help` explains every flag a webmaster may pass.

mod common;
use common::*;

#[test]
fn every_flag_of_every_command_has_help_text() {
    for command in ["build", "serve", "check", "search", "import", "new", "init"] {
        let o = vanban().args([command, "--help"]).output().unwrap();
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        let help = stdout(&o);
        let lines: Vec<&str> = help.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let flag = line.trim_start();
            if !flag.starts_with("--") && !flag.starts_with("-h") {
                continue;
            }
            // "--root <ROOT>  Site folder …", or the text on the next line;
            // clap pads a flag without help to the column, so the text
            // after the padding must not be empty or only a default.
            let text = flag.split_once("  ").map_or("", |(_, t)| t.trim());
            let described = (!text.is_empty() && !text.starts_with("[default"))
                || lines
                    .get(i + 1)
                    .is_some_and(|n| n.starts_with("          "));
            assert!(
                described,
                "`vanban {command} {flag}` has no help text:\n{help}"
            );
        }
        if !matches!(command, "search" | "init") {
            assert!(help.contains("Site folder"), "{command} --root:\n{help}");
        }
    }
}
