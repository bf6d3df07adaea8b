import { text } from './api.js';

// "You can try again in about N minutes." from a 429's Retry-After header (seconds), at least one minute.
export function retryIn(headers) {
  const minutes = Math.max(1, Math.ceil(Number(headers.get('Retry-After') ?? '0') / 60));
  return minutes === 1 ? text('Wait.RetryInOneMinute') : text('Wait.RetryInMinutes', minutes);
}
