import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A value that must not be found, by a label that says what it is without showing it. */
export interface Needle {
  label: string;
  bytes: Buffer;
}

export interface Haystack {
  name: string;
  bytes: Buffer;
}

/** Every regular file under `dir`, recursively, read as raw bytes (binary-safe). */
export function readFilesUnder(dir: string): Haystack[] {
  const files: Haystack[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    files.push({ name: relative(dir, path), bytes: readFileSync(path) });
  }
  return files;
}

/** "<needle label> in <haystack name>" for each needle found; the values themselves never appear. */
export function findNeedles(haystacks: Haystack[], needles: Needle[]): string[] {
  const found: string[] = [];
  for (const haystack of haystacks) {
    for (const needle of needles) {
      if (needle.bytes.length > 0 && haystack.bytes.includes(needle.bytes)) found.push(`${needle.label} in ${haystack.name}`);
    }
  }
  return found;
}

/** The ways a secret's bytes could be written down: raw, hex, base64, base64url. */
export function encodingsOf(label: string, raw: Buffer): Needle[] {
  const hex = raw.toString('hex');
  return [
    { label: `${label} (raw bytes)`, bytes: raw },
    { label: `${label} (hex)`, bytes: Buffer.from(hex) },
    { label: `${label} (HEX)`, bytes: Buffer.from(hex.toUpperCase()) },
    { label: `${label} (base64)`, bytes: Buffer.from(raw.toString('base64').replace(/=+$/, '')) },
    { label: `${label} (base64url)`, bytes: Buffer.from(raw.toString('base64url')) },
  ];
}

export function textNeedle(label: string, text: string): Needle {
  return { label, bytes: Buffer.from(text, 'utf8') };
}
