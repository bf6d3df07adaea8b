// Remembers the browser's time zone so that the server shows times in it from the next page on.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const cookie = `tz=${encodeURIComponent(zone || '')}`;
if (zone && !document.cookie.split('; ').includes(cookie)) {
  document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
}
