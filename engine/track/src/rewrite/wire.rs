//! Just enough of the protobuf wire format to walk a message's fields and write new ones.

/// One field of a message: its number, its value and its bytes as they are in the input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field<'a> {
    pub number: u32,
    pub value: Value<'a>,
    /// The whole field (key and value), to copy it unchanged.
    pub raw: &'a [u8],
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    Varint(u64),
    Fixed64(u64),
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// The fields of one message, in order.
pub(crate) fn parse(buf: &[u8]) -> Result<Vec<Field<'_>>, String> {
    let mut fields = Vec::new();
    let mut pos = 0;
    while pos < buf.len() {
        let start = pos;
        let key = varint(buf, &mut pos)?;
        let number =
            u32::try_from(key >> 3).map_err(|_| "a field number is too large".to_owned())?;
        let value = match key & 7 {
            0 => Value::Varint(varint(buf, &mut pos)?),
            1 => Value::Fixed64(u64::from_le_bytes(take::<8>(buf, &mut pos)?)),
            2 => {
                let len = usize::try_from(varint(buf, &mut pos)?)
                    .map_err(|_| "a length is too large".to_owned())?;
                let end = pos
                    .checked_add(len)
                    .filter(|&e| e <= buf.len())
                    .ok_or("a field runs past the end")?;
                let b = &buf[pos..end];
                pos = end;
                Value::Bytes(b)
            }
            5 => Value::Fixed32(u32::from_le_bytes(take::<4>(buf, &mut pos)?)),
            w => return Err(format!("unsupported wire type {w} in field {number}")),
        };
        fields.push(Field {
            number,
            value,
            raw: &buf[start..pos],
        });
    }
    Ok(fields)
}

/// The values of a packed repeated varint field.
pub(crate) fn packed_varints(buf: &[u8]) -> Result<Vec<u64>, String> {
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < buf.len() {
        out.push(varint(buf, &mut pos)?);
    }
    Ok(out)
}

fn varint(buf: &[u8], pos: &mut usize) -> Result<u64, String> {
    let mut v = 0_u64;
    for shift in (0..64).step_by(7) {
        let b = *buf.get(*pos).ok_or("a varint runs past the end")?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("a varint is longer than 10 bytes".to_owned())
}

fn take<const N: usize>(buf: &[u8], pos: &mut usize) -> Result<[u8; N], String> {
    let end = pos
        .checked_add(N)
        .filter(|&e| e <= buf.len())
        .ok_or("a fixed field runs past the end")?;
    let mut a = [0; N];
    a.copy_from_slice(&buf[*pos..end]);
    *pos = end;
    Ok(a)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Writes a varint field.
pub(crate) fn put_varint_field(out: &mut Vec<u8>, number: u32, v: u64) {
    put_varint(out, u64::from(number) << 3);
    put_varint(out, v);
}

/// Writes a length-delimited field (bytes, a string or a message).
pub(crate) fn put_bytes(out: &mut Vec<u8>, number: u32, data: &[u8]) {
    put_varint(out, (u64::from(number) << 3) | 2);
    put_varint(out, data.len() as u64);
    out.extend_from_slice(data);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_it_reads() {
        let mut m = Vec::new();
        put_varint_field(&mut m, 1, 300);
        put_bytes(&mut m, 7, b"graph");
        put_varint_field(&mut m, 20, u64::MAX);
        let f = parse(&m).unwrap();
        assert_eq!(f.len(), 3);
        assert_eq!((f[0].number, f[0].value), (1, Value::Varint(300)));
        assert_eq!((f[1].number, f[1].value), (7, Value::Bytes(b"graph")));
        assert_eq!((f[2].number, f[2].value), (20, Value::Varint(u64::MAX)));
        let copied: Vec<u8> = f.iter().flat_map(|f| f.raw.iter().copied()).collect();
        assert_eq!(copied, m);
    }

    #[test]
    fn truncated_input_is_an_error() {
        let mut m = Vec::new();
        put_bytes(&mut m, 7, b"graph");
        assert!(parse(&m[..m.len() - 1]).is_err());
        assert!(parse(&[0x80]).is_err());
        assert!(parse(&[0x0b]).is_err(), "wire type 3 (groups)");
    }
}
