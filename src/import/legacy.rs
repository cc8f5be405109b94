//! Pre-Unicode Vietnamese encodings: TCVN3 (ABC) and VNI-Windows.
//!
//! Both were font hacks over Windows-1252, so legacy text reaches us either
//! as raw bytes or as Unicode text that was decoded as Windows-1252 somewhere
//! upstream ("B¸o c¸o", "Uû ban nh©n d©n"). Decoders therefore work on chars
//! whose Windows-1252 byte is known; anything else passes through untouched.

use unicode_normalization::UnicodeNormalization;

/// Combining marks used to build letters, so NFC does the composition and
/// the tables stay small and checkable.
const ACUTE: char = '\u{301}';
const GRAVE: char = '\u{300}';
const HOOK: char = '\u{309}';
const TILDE: char = '\u{303}';
const DOT: char = '\u{323}';
const CIRC: char = '\u{302}';
const BREVE: char = '\u{306}';
const HORN: char = '\u{31B}';

/// TCVN3 (ABC) single-byte table: byte → Unicode letter. ABC has capitals
/// only for the seven letters with vowel marks; toned capitals do not exist.
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// Windows-1252 bytes 0x80..=0x9F, whose chars are not U+0080..U+009F.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The Windows-1252 byte a char stands for, if any.
pub fn cp1252_byte(c: char) -> Option<u8> {
    let n = c as u32;
    if n < 0x80 || (0xA0..=0xFF).contains(&n) {
        return Some(n as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == c)
        .map(|i| 0x80 + i as u8)
}

/// Reads bytes as Windows-1252 (the way legacy files reach us).
pub fn cp1252_to_string(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

fn tcvn3_char(b: u8) -> Option<char> {
    TCVN3.iter().find(|(k, _)| *k == b).map(|(_, c)| *c)
}

/// Converts TCVN3 text (bytes shown as Windows-1252 chars) to NFC Unicode.
pub fn decode_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| cp1252_byte(c).and_then(tcvn3_char).unwrap_or(c))
        .collect::<String>()
        .nfc()
        .collect()
}

fn vni_tone(c: char) -> Option<char> {
    Some(match c {
        'ù' | 'Ù' => ACUTE,
        'ø' | 'Ø' => GRAVE,
        'û' | 'Û' => HOOK,
        'õ' | 'Õ' => TILDE,
        'ï' | 'Ï' => DOT,
        _ => return None,
    })
}

/// Circumflex modifiers, alone or with a tone (â á à å ã ä).
fn vni_circumflex(c: char) -> Option<Option<char>> {
    Some(match c {
        'â' | 'Â' => None,
        'á' | 'Á' => Some(ACUTE),
        'à' | 'À' => Some(GRAVE),
        'å' | 'Å' => Some(HOOK),
        'ã' | 'Ã' => Some(TILDE),
        'ä' | 'Ä' => Some(DOT),
        _ => return None,
    })
}

/// Breve modifiers, alone or with a tone (ê é è ú ü ë), only after "a".
fn vni_breve(c: char) -> Option<Option<char>> {
    Some(match c {
        'ê' | 'Ê' => None,
        'é' | 'É' => Some(ACUTE),
        'è' | 'È' => Some(GRAVE),
        'ú' | 'Ú' => Some(HOOK),
        'ü' | 'Ü' => Some(TILDE),
        'ë' | 'Ë' => Some(DOT),
        _ => return None,
    })
}

/// VNI letters that are one byte: đ, ơ, ư, the toned i's and ỵ.
fn vni_single(c: char) -> Option<&'static str> {
    Some(match c {
        'ñ' => "đ",
        'Ñ' => "Đ",
        'ô' => "o\u{31B}",
        'Ô' => "O\u{31B}",
        'ö' => "u\u{31B}",
        'Ö' => "U\u{31B}",
        'í' => "í",
        'Í' => "Í",
        'ì' => "ì",
        'Ì' => "Ì",
        'æ' => "ỉ",
        'Æ' => "Ỉ",
        'ó' => "ĩ",
        'Ó' => "Ĩ",
        'ò' => "ị",
        'Ò' => "Ị",
        'î' => "ỵ",
        'Î' => "Ỵ",
        _ => return None,
    })
}

/// Converts VNI text (bytes shown as Windows-1252 chars) to NFC Unicode.
/// VNI writes a base letter followed by one modifier byte carrying the vowel
/// mark and/or the tone, so each modifier is read against the letter before.
pub fn decode_vni(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // The base: an ASCII vowel, or ơ/ư which are single bytes in VNI.
        let base: Option<String> = if "aeiouyAEIOUY".contains(c) {
            Some(c.to_string())
        } else if matches!(c, 'ô' | 'Ô' | 'ö' | 'Ö') {
            vni_single(c).map(str::to_string)
        } else {
            None
        };
        if let Some(base) = base {
            let next = chars.get(i + 1).copied();
            let letter = base.chars().next().unwrap_or(c).to_ascii_lowercase();
            let mut composed = base.clone();
            let mut used = false;
            if let Some(n) = next {
                if let Some(t) = vni_tone(n) {
                    composed.push(t);
                    used = true;
                } else if matches!(letter, 'a' | 'e' | 'o') && base.chars().count() == 1 {
                    if let Some(t) = vni_circumflex(n) {
                        composed.push(CIRC);
                        composed.extend(t);
                        used = true;
                    } else if letter == 'a' {
                        if let Some(t) = vni_breve(n) {
                            composed.push(BREVE);
                            composed.extend(t);
                            used = true;
                        }
                    }
                }
            }
            out.push_str(&composed);
            i += if used { 2 } else { 1 };
            continue;
        }
        match vni_single(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
        i += 1;
    }
    out.nfc().collect()
}

/// Letters only Unicode Vietnamese has (ă ơ ư đ and the U+1EA0 block):
/// legacy text shown as Windows-1252 never contains them.
fn is_unicode_vietnamese(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
    ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Chars of the A1..BF block that TCVN3 uses for letters and VNI never does.
fn is_tcvn3_marker(c: char) -> bool {
    matches!(c, '¡'..='§' | '¨' | '©' | 'ª' | '«' | '¬' | '\u{AD}' | '®' | 'µ'..='¹' | '»'..='¾')
}

/// What the text most likely is. `None`: plain Unicode (or no Vietnamese).
pub fn detect(text: &str) -> Option<Legacy> {
    let chars: Vec<char> = text.chars().collect();
    let unicode = chars.iter().filter(|c| is_unicode_vietnamese(**c)).count();
    let tcvn3 = chars.iter().filter(|c| is_tcvn3_marker(**c)).count();
    let vni = chars
        .windows(2)
        .filter(|w| {
            "aeiouyAEIOUY".contains(w[0])
                && matches!(
                    w[1],
                    'ù' | 'ø' | 'û' | 'õ' | 'ï' | 'Ù' | 'Ø' | 'Û' | 'Õ' | 'Ï'
                )
        })
        .count()
        + chars
            .iter()
            .filter(|c| matches!(c, 'ñ' | 'Ñ' | 'ö' | 'Ö'))
            .count();
    let legacy = tcvn3.max(vni);
    // Real Unicode Vietnamese is full of ư/ơ/đ/ạ…; a handful of stray
    // marks in such text is not a legacy encoding.
    if legacy < 2 || unicode * 4 > legacy {
        return None;
    }
    Some(if tcvn3 >= vni {
        Legacy::Tcvn3
    } else {
        Legacy::Vni
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

/// Encodes Unicode into TCVN3 bytes; `None` when a letter has no TCVN3 code
/// (toned capitals). Used to build test samples and to check round trips.
pub fn encode_tcvn3(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
        } else if let Some((b, _)) = TCVN3.iter().find(|(_, u)| *u == c) {
            out.push(*b);
        } else {
            return None;
        }
    }
    Some(out)
}

/// Encodes Unicode into VNI-Windows bytes; `None` for letters outside
/// Vietnamese. Used to build test samples and to check round trips.
pub fn encode_vni(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        // Single-byte letters first (their table is the decoder's).
        let single = [
            ('đ', 'ñ'),
            ('Đ', 'Ñ'),
            ('í', 'í'),
            ('Í', 'Í'),
            ('ì', 'ì'),
            ('Ì', 'Ì'),
            ('ỉ', 'æ'),
            ('Ỉ', 'Æ'),
            ('ĩ', 'ó'),
            ('Ĩ', 'Ó'),
            ('ị', 'ò'),
            ('Ị', 'Ò'),
            ('ỵ', 'î'),
            ('Ỵ', 'Î'),
        ];
        if let Some((_, v)) = single.iter().find(|(u, _)| *u == c) {
            out.push(cp1252_byte(*v)?);
            continue;
        }
        let parts: Vec<char> = std::iter::once(c).nfd().collect();
        let base = parts[0];
        if !base.is_ascii_alphabetic() {
            return None;
        }
        let upper = base.is_ascii_uppercase();
        let mark = parts[1..]
            .iter()
            .find(|m| matches!(**m, CIRC | BREVE | HORN))
            .copied();
        let tone = parts[1..]
            .iter()
            .find(|m| matches!(**m, ACUTE | GRAVE | HOOK | TILDE | DOT))
            .copied();
        let pick = |lower: char, upper_c: char| if upper { upper_c } else { lower };
        let tone_byte = |t: char| match t {
            ACUTE => pick('ù', 'Ù'),
            GRAVE => pick('ø', 'Ø'),
            HOOK => pick('û', 'Û'),
            TILDE => pick('õ', 'Õ'),
            _ => pick('ï', 'Ï'),
        };
        let mut seq: Vec<char> = Vec::new();
        match mark {
            Some(HORN) => {
                seq.push(match base.to_ascii_lowercase() {
                    'o' => pick('ô', 'Ô'),
                    'u' => pick('ö', 'Ö'),
                    _ => return None,
                });
                seq.extend(tone.map(tone_byte));
            }
            Some(CIRC) => {
                seq.push(base);
                seq.push(match tone {
                    None => pick('â', 'Â'),
                    Some(ACUTE) => pick('á', 'Á'),
                    Some(GRAVE) => pick('à', 'À'),
                    Some(HOOK) => pick('å', 'Å'),
                    Some(TILDE) => pick('ã', 'Ã'),
                    Some(_) => pick('ä', 'Ä'),
                });
            }
            Some(_) => {
                seq.push(base);
                seq.push(match tone {
                    None => pick('ê', 'Ê'),
                    Some(ACUTE) => pick('é', 'É'),
                    Some(GRAVE) => pick('è', 'È'),
                    Some(HOOK) => pick('ú', 'Ú'),
                    Some(TILDE) => pick('ü', 'Ü'),
                    Some(_) => pick('ë', 'Ë'),
                });
            }
            None => {
                seq.push(base);
                seq.extend(tone.map(tone_byte));
            }
        }
        for s in seq {
            out.push(cp1252_byte(s)?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_tcvn3() {
        assert_eq!(decode_tcvn3("B¸o c¸o thùc tËp"), "Báo cáo thực tập");
        assert_eq!(decode_tcvn3("B¸o c¸o"), "Báo cáo");
        // ABC has no toned capitals: writers typed U + "ỷ", which is the
        // old-style "Uỷ" — kept as the bytes say (see the module report).
        assert_eq!(decode_tcvn3("Uû ban nh©n d©n"), "Uỷ ban nhân dân");
        assert_eq!(detect("Uû ban nh©n d©n tØnh"), Some(Legacy::Tcvn3));
    }

    #[test]
    fn hand_written_vni() {
        assert_eq!(decode_vni("Xin chaøo caùc baïn"), "Xin chào các bạn");
        assert_eq!(decode_vni("UÛy ban nhaân daân"), "Ủy ban nhân dân");
        assert_eq!(decode_vni("Vieät Nam"), "Việt Nam");
        assert_eq!(decode_vni("Trung öông Ñaûng"), "Trung ương Đảng");
        assert_eq!(detect("Xin chaøo caùc baïn, Ñaûng"), Some(Legacy::Vni));
    }

    #[test]
    fn unicode_is_not_legacy() {
        assert_eq!(detect("Ủy ban nhân dân tỉnh Khánh Hòa"), None);
        assert_eq!(detect("plain ascii"), None);
    }
}
