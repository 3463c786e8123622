/**
 * The text of an iCalendar file from its bytes. Lines are unfolded on the bytes, before decoding:
 * exports that fold at 75 octets (RFC 5545 §3.1) may cut a UTF-8 character in two, which decoding
 * the folded text would turn into two U+FFFD. UTF-8 (a byte-order mark dropped); a file that is
 * not valid UTF-8 is read as Windows-1252 (older Outlook exports write the system code page), one
 * that starts with a UTF-16 byte-order mark as UTF-16.
 */
export function decodeCalendar(bytes: Uint8Array): string {
  // UTF-16 with its byte-order mark (Windows tools' "Unicode"): decoded first, unfolded as text.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be')
      .decode(bytes)
      .replace(/\r?\n[ \t]/g, '');
  const out = new Uint8Array(bytes.length);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const next = bytes[i + 1];
    if (b === 0x0d && next === 0x0a && (bytes[i + 2] === 0x20 || bytes[i + 2] === 0x09)) {
      i += 2;
      continue;
    }
    if (b === 0x0a && (next === 0x20 || next === 0x09)) {
      i += 1;
      continue;
    }
    out[j++] = b;
  }
  const unfolded = out.subarray(0, j);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(unfolded);
  } catch {
    text = new TextDecoder('windows-1252').decode(unfolded);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
