// Saving a file the server sent as base64 (a CLI bundle): bytes, then a Blob the browser downloads.
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Browser only: starts the download of `bytes` as `fileName`. */
export function downloadBytes(fileName: string, bytes: Uint8Array<ArrayBuffer>, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the URL to the download; release it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
