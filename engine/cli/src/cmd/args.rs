//! Argument parsers the subcommands share.

/// `WIDTHxHEIGHT` (`1280x720`): even numbers of pixels, 2..=8192 each.
pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{s:?}: write the size as WIDTHxHEIGHT, e.g. 1280x720"))?;
    let n = |v: &str| {
        v.trim()
            .parse::<u32>()
            .map_err(|_| format!("{s:?}: {v:?} is not a number of pixels"))
    };
    let (w, h) = (n(w)?, n(h)?);
    if w < 2 || h < 2 || w % 2 != 0 || h % 2 != 0 || w > 8192 || h > 8192 {
        return Err(format!(
            "{s:?}: use even sizes between 2 and 8192, e.g. 1280x720"
        ));
    }
    Ok((w, h))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_or_say_why_not() {
        assert_eq!(parse_size("1280x720"), Ok((1280, 720)));
        assert_eq!(parse_size("720X1280"), Ok((720, 1280)));
        for (bad, why) in [
            ("1280", "WIDTHxHEIGHT"),
            ("axb", "number of pixels"),
            ("641x360", "even"),
            ("1281x720", "1281x720"),
            ("0x0", "even"),
            ("16384x16", "8192"),
        ] {
            let err = parse_size(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
