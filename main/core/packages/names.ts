// File names inside an audit package.

/** A name safe in a zip, in `sha256sum` lines and on every file system: letters, digits and . _ - only. */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120) || 'file';
}
