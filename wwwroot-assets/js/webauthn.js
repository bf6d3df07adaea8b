// navigator.credentials for passkeys, with the server's JSON on both sides: the options come as
// PublicKeyCredential*OptionsJSON (binary fields in base64url) and the answer goes back as PublicKeyCredential.toJSON().

import { apiFetch, clearErrors, safeReturnUrl, showErrors, text } from './api.js';

export const supportsPasskeys = () =>
  typeof window.PublicKeyCredential === 'function' && typeof navigator.credentials?.create === 'function';

function toBuffer(base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
}

function toBase64Url(buffer) {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The browser's JSON parsers reject explicit nulls where a member is optional.
function withoutNulls(value) {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

const descriptors = (list) => (list ?? []).map((c) => ({ ...c, id: toBuffer(c.id) }));

function creationOptions(json) {
  const options = withoutNulls(json);
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseCreationOptionsFromJSON(options);
  }
  return {
    ...options,
    challenge: toBuffer(options.challenge),
    user: { ...options.user, id: toBuffer(options.user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  };
}

function requestOptions(json) {
  const options = withoutNulls(json);
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseRequestOptionsFromJSON(options);
  }
  return { ...options, challenge: toBuffer(options.challenge), allowCredentials: descriptors(options.allowCredentials) };
}

function credentialJson(credential) {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const r = credential.response;
  const response = { clientDataJSON: toBase64Url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64Url(r.attestationObject);
    response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
  } else {
    response.authenticatorData = toBase64Url(r.authenticatorData);
    response.signature = toBase64Url(r.signature);
    if (r.userHandle) response.userHandle = toBase64Url(r.userHandle);
  }
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    response,
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

// Makes a new passkey from the server's creation options; resolves to the credential's JSON.
export async function createPasskey(optionsJson) {
  return credentialJson(await navigator.credentials.create({ publicKey: creationOptions(optionsJson) }));
}

// Asks the authenticator for an assertion to the server's request options; resolves to the credential's JSON.
export async function getPasskey(optionsJson) {
  return credentialJson(await navigator.credentials.get({ publicKey: requestOptions(optionsJson) }));
}

// What to tell the person when the browser's ceremony ended without a credential.
export function ceremonyMessage(error) {
  if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') return text('Passkey.Cancelled');
  if (error?.name === 'InvalidStateError') return text('Passkey.AlreadyRegistered');
  return text('Passkey.Unavailable');
}

// A button that proves who the user is with a passkey: request options from optionsUrl, the browser's ceremony, the
// credential to resultUrl, then on to returnUrl. The section (hidden in the markup) shows only where passkeys work.
export function passkeyButton(section, button, optionsUrl, resultUrl, returnUrl) {
  if (supportsPasskeys()) section.hidden = false;
  button.addEventListener('click', async () => {
    clearErrors(section);
    button.disabled = true;
    try {
      const options = await apiFetch(optionsUrl, { method: 'POST' });
      if (!options.ok) return showErrors(section, options.data);
      let credential;
      try {
        credential = await getPasskey(options.data);
      } catch (error) {
        return showErrors(section, { detail: ceremonyMessage(error) });
      }
      const result = await apiFetch(resultUrl, { method: 'POST', body: { credential } });
      if (result.ok) {
        window.location.assign(safeReturnUrl(returnUrl));
        return;
      }
      showErrors(section, result.data);
    } finally {
      button.disabled = false;
    }
  });
}
