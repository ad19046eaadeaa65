/**
 * Bytes we do not understand are not touched: a file is decoded only when it is valid UTF-8 (the BOM kept in
 * the text, so it is written back). Anything else is skipped with a reason naming the likely encoding,
 * because decoding it leniently and writing it back would replace its Chinese text with U+FFFD.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type Decoded = { ok: true; text: string } | { ok: false; encoding: string; reason: string; text: string };

export function decode(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const encoding = likelyEncoding(bytes);
    return {
      ok: false,
      encoding,
      reason: `not valid UTF-8 (likely ${encoding}): left as it is; convert it to UTF-8 to migrate it`,
      // Decoded only so that the prefilter can tell whether the file uses OpenAI at all.
      text: readable(bytes, encoding),
    };
  }
}

/** A best guess, good enough to tell the user what the file is: BOM, then zero bytes, then GBK's byte pairs. */
export function likelyEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE with BOM';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE with BOM';
  const sample = bytes.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  if (oddZeros > sample.length / 8 && oddZeros > evenZeros * 2) return 'UTF-16LE';
  if (evenZeros > sample.length / 8 && evenZeros > oddZeros * 2) return 'UTF-16BE';
  return isGbk(bytes) ? 'GBK/GB18030' : 'Latin-1/Windows-1252';
}

/** Every byte above 0x7f starts a valid GBK pair (lead 0x81-0xfe, trail 0x40-0xfe but 0x7f). */
function isGbk(bytes: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const next = bytes[i + 1];
    if (b < 0x81 || b > 0xfe || next === undefined || next < 0x40 || next > 0xfe || next === 0x7f) return false;
    pairs++;
    i++;
  }
  return pairs > 0;
}

function readable(bytes: Uint8Array, encoding: string): string {
  const label = encoding.startsWith('UTF-16BE') ? 'utf-16be' : encoding.startsWith('UTF-16') ? 'utf-16le' : 'latin1';
  return new TextDecoder(label).decode(bytes);
}
