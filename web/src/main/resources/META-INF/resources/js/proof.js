// RuralAtlas pages: the proof of work of the public's anonymous writes (the survey's answers, the
// proposals of corrections and new places): the server hands out a challenge; the page finds a
// nonce such that SHA-256(challenge:nonce) starts with difficulty zero bits, with Web Crypto.

function zeroBits(buffer) {
  const b = new Uint8Array(buffer);
  let bits = 0;
  for (const byte of b) {
    if (byte !== 0) { return bits + Math.clz32(byte) - 24; }
    bits += 8;
  }
  return bits;
}

/** A nonce such that SHA-256(challenge:nonce) starts with difficulty zero bits; progress(n) every 5,000 tries. */
export async function solve(challenge, difficulty, progress) {
  const encoder = new TextEncoder();
  for (let n = 0; ; n++) {
    if (zeroBits(await crypto.subtle.digest('SHA-256', encoder.encode(challenge + ':' + n))) >= difficulty) { return String(n); }
    if (progress && n % 5000 === 0) { progress(n); }
  }
}
