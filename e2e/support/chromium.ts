// The browser the end-to-end tests drive (Debian's Chromium, headless), and how it is launched;
// the log-follow benchmark launches it the same way.
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
