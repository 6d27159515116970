// Files in and out of the window: a chosen file as base64 for the api, and base64 from the api as a download.

/** The file's bytes as base64 (in chunks: a spread of a large array would overflow the call stack). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Hands bytes given as base64 to the browser as a download named `fileName`. */
export function downloadBase64File(base64: string, mimeType: string, fileName: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  followDownload(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Follows a link as a download named `fileName` (the browser streams it to disk). */
export function followDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}
