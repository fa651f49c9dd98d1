// Saves text the app made (exports, the calendar file) as a download: a Blob and an `<a download>`, no data: URL.

/** Hands the text to the browser as a file called `filename`. */
export function saveFile(filename: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the URL is released a little later for slow browsers.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 30_000);
}
