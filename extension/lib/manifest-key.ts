/**
 * Fixed Chrome/Edge extension ID: mooaecpeofpeigdjhjggeminelkecnlb
 * = first 32 hex digits of SHA-256(DER public key), each digit 0-f mapped to a-p.
 * Only the PUBLIC key is committed (manifest `key`); the private key never enters the
 * repository (it is only needed to sign a self-hosted .crx; the stores sign with their own).
 * Recompute: echo "$KEY" | base64 -d | sha256sum | cut -c1-32 | tr 0-9a-f a-p
 */
export const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAstDp+CARgAY1BOJD1SnjRUW2/7BwoOYVazmaW4JBstOs2nIy3MDt5BTVVK6UKwJtS/t+0dKcXGZybf/nMBfUZ3NNHCz3pz3Ce20QUnLTqGCGOVOwtFhY/rmSgWVB6AkiwiRcp4fZ4S0ZcoRWQlo6BP5y8b0vK4uT7j7ZKIMfYeeWr5yP0acm8F6NKAGLwqsumT8ptzxPuEHzhoBENMncbGlcpsxhmlabtMSRZ9JFEpsDZ4wICRKkuymjnX5JHr0Oxt+LgGzPnnZ+kZbQsXS+Eo7BM8eiOp+WOyBpcjw3ozuPsQtWlUjLWOJxRk2un8q2TMOKeTh9QvbefsD3EPDrIwIDAQAB';

export const CHROME_EXTENSION_ID = 'mooaecpeofpeigdjhjggeminelkecnlb';

/** Firefox (AMO) add-on id. */
export const GECKO_ID = 'congvu-guard@congvu-guard.vn';
