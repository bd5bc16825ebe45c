// A small PKCS#12 (.p12/.pfx) reader: the certificates and the private key,
// nothing else. App Service on Linux hands the app its certificate only in
// this form (/var/ssl/private/<thumbprint>.p12, no password), and Node's crypto
// cannot open PKCS#12 itself. Reading it here rather than through the openssl
// command keeps start-up independent of what the image has installed, and of
// OpenSSL 3 refusing the older ciphers without its "legacy" provider.
//
// Covers what real files use (RFC 7292, RFC 8018): PBES2 (PBKDF2 with
// HMAC-SHA1/SHA-2 and AES-CBC or 3DES-CBC), the PKCS#12 PBE with SHA-1 and
// 3DES or RC2 (older OpenSSL, Windows, .NET; RC2 through ./rc2), unencrypted
// bags, and BER's indefinite lengths. Not covered: RC4 (rejected by name so the
// fix is clear), public-key (non-password) privacy, and MAC checking (a wrong
// password shows up as a failed decryption instead).
import { createDecipheriv, createHash, createPrivateKey, pbkdf2Sync, type KeyObject } from 'node:crypto';
import { rc2CbcDecrypt } from './rc2';

export interface Pkcs12Contents {
  /** DER certificates in the order the file holds them. */
  certificates: Buffer[];
  privateKey: KeyObject;
}

/** Reads the certificates and the private key; throws Error with a reason (without the file name) when it cannot. */
export function readPkcs12(file: Buffer, password = ''): Pkcs12Contents {
  const pfx = children(parse(file));
  if (pfx.length < 2 || intValue(pfx[0]!) !== 3) throw new Error('not a PKCS#12 file (version 3)');
  const authSafe = contentInfo(pfx[1]!);
  if (authSafe.type !== OID.data) throw new Error('PKCS#12 signed with a public key is not supported; export it with a password (or none)');
  const certificates: Buffer[] = [];
  let privateKey: KeyObject | undefined;
  for (const info of children(parse(octets(authSafe.content)))) {
    const ci = contentInfo(info);
    let safeContents: Buffer;
    if (ci.type === OID.data) safeContents = octets(ci.content);
    else if (ci.type === OID.encryptedData) {
      // EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } }
      const eci = children(children(ci.content)[1]!);
      const encrypted = eci[2];
      if (!encrypted) continue;
      safeContents = decrypt(eci[1]!, octets(encrypted), password);
    } else throw new Error(`PKCS#12 content of type ${ci.type} is not supported`);
    for (const bag of children(parse(safeContents))) {
      const [id, value] = children(bag);
      const bagId = oid(id!);
      const inner = children(value!)[0]!; // [0] EXPLICIT
      if (bagId === OID.certBag) {
        const [certType, certValue] = children(inner);
        if (oid(certType!) === OID.x509Certificate) certificates.push(octets(children(certValue!)[0]!));
      } else if (bagId === OID.keyBag) {
        privateKey ??= createPrivateKey({ key: inner.raw, format: 'der', type: 'pkcs8' });
      } else if (bagId === OID.shroudedKeyBag) {
        const [algorithm, data] = children(inner);
        privateKey ??= createPrivateKey({ key: decrypt(algorithm!, octets(data!), password), format: 'der', type: 'pkcs8' });
      }
    }
  }
  if (!certificates.length) throw new Error('holds no certificate');
  if (!privateKey) throw new Error('holds no private key');
  return { certificates, privateKey };
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
};

const PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const PBES2_CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

// PKCS#12's own password-based encryption (RFC 7292 appendix C).
const PKCS12_PBE: Record<string, { name: string; keyLength: number; ivLength: number } | string> = {
  '1.2.840.113549.1.12.1.3': { name: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
  '1.2.840.113549.1.12.1.4': { name: 'des-ede-cbc', keyLength: 16, ivLength: 8 },
  '1.2.840.113549.1.12.1.5': { name: 'rc2-128', keyLength: 16, ivLength: 8 },
  '1.2.840.113549.1.12.1.6': { name: 'rc2-40', keyLength: 5, ivLength: 8 },
  '1.2.840.113549.1.12.1.1': 'RC4 (128-bit)',
  '1.2.840.113549.1.12.1.2': 'RC4 (40-bit)',
};

function decrypt(algorithm: Node, data: Buffer, password: string): Buffer {
  const [id, params] = children(algorithm);
  const algorithmId = oid(id!);
  if (algorithmId === OID.pbes2) {
    const [kdf, scheme] = children(params!);
    const [kdfId, kdfParams] = children(kdf!);
    if (oid(kdfId!) !== OID.pbkdf2) throw new Error(`key derivation ${oid(kdfId!)} is not supported (PBKDF2 is)`);
    const kp = children(kdfParams!);
    const salt = kp[0]!.content;
    const iterations = intValue(kp[1]!);
    const prfNode = kp.slice(2).find((n) => n.tag === 0x30);
    const prf = prfNode ? PRF[oid(children(prfNode)[0]!)] : 'sha1';
    const [cipherId, iv] = children(scheme!);
    const cipher = PBES2_CIPHERS[oid(cipherId!)];
    if (!prf || !cipher) throw new Error(`encryption ${prfNode ? oid(children(prfNode)[0]!) : ''} ${oid(cipherId!)} is not supported`);
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
    return decipher(cipher.name, key, iv!.content, data);
  }
  const pbe = PKCS12_PBE[algorithmId];
  if (typeof pbe === 'string')
    throw new Error(`it is encrypted with ${pbe}, which is not supported: re-export it with AES (openssl pkcs12 -export, OpenSSL 3) or 3DES`);
  if (!pbe) throw new Error(`encryption ${algorithmId} is not supported`);
  const [salt, count] = children(params!);
  const iterations = intValue(count!);
  // An empty password is the BMPString terminator alone for OpenSSL and most
  // tools, and zero bytes for some others: try both.
  const candidates = password ? [bmpPassword(password)] : [Buffer.alloc(2), Buffer.alloc(0)];
  let failure: unknown;
  for (const pass of candidates) {
    try {
      const key = pkcs12Kdf(pass, salt!.content, iterations, 1, pbe.keyLength);
      const iv = pkcs12Kdf(pass, salt!.content, iterations, 2, pbe.ivLength);
      const plain = decipher(pbe.name, key, iv, data);
      parse(plain); // a wrong password that happens to pad correctly still fails here
      return plain;
    } catch (e) {
      failure = e;
    }
  }
  throw failure;
}

function decipher(name: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  try {
    if (name.startsWith('rc2-')) return rc2CbcDecrypt(key, key.length * 8, iv, data);
    const d = createDecipheriv(name, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw new Error('cannot be decrypted: the password is wrong (App Service certificates have none) or the file is damaged');
  }
}

function bmpPassword(password: string): Buffer {
  const out = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
}

/** RFC 7292 appendix B.2 with SHA-1 (u = 20, v = 64): id 1 for the key, 2 for the IV. */
function pkcs12Kdf(password: Buffer, salt: Buffer, iterations: number, id: number, length: number): Buffer {
  const v = 64;
  const fill = (b: Buffer) => {
    const out = Buffer.alloc(v * Math.ceil(b.length / v));
    for (let i = 0; i < out.length; i++) out[i] = b[i % b.length]!;
    return out;
  };
  const I = Buffer.concat([fill(salt), fill(password)]);
  const D = Buffer.alloc(v, id);
  const out: Buffer[] = [];
  for (let produced = 0; produced < length; produced += 20) {
    let A = createHash('sha1').update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash('sha1').update(A).digest();
    out.push(A);
    const B = fill(A).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      // I_j = (I_j + B + 1) mod 2^(8v)
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}

// --- DER, with BER's indefinite lengths and constructed strings (Java and Windows write them) ---

interface Node {
  tag: number;
  /** Contents octets (for an indefinite length: the encoded children). */
  content: Buffer;
  /** The whole encoding, tag to end. */
  raw: Buffer;
  kids?: Node[];
}

function parse(buf: Buffer): Node {
  const { node } = readNode(buf, 0);
  return node;
}

function readNode(buf: Buffer, start: number): { node: Node; end: number } {
  if (start + 2 > buf.length) throw new Error('is not a PKCS#12 file (truncated)');
  const tag = buf[start]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('is not a PKCS#12 file (unexpected tag)');
  let pos = start + 1;
  const first = buf[pos++]!;
  if (first === 0x80) {
    if (!(tag & 0x20)) throw new Error('is not a PKCS#12 file (bad length)');
    const kids: Node[] = [];
    const from = pos;
    while (!(buf[pos] === 0 && buf[pos + 1] === 0)) {
      if (pos >= buf.length) throw new Error('is not a PKCS#12 file (truncated)');
      const r = readNode(buf, pos);
      kids.push(r.node);
      pos = r.end;
    }
    return { node: { tag, content: buf.subarray(from, pos), raw: buf.subarray(start, pos + 2), kids }, end: pos + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4) throw new Error('is not a PKCS#12 file (bad length)');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++]!;
  }
  if (pos + length > buf.length) throw new Error('is not a PKCS#12 file (truncated)');
  return { node: { tag, content: buf.subarray(pos, pos + length), raw: buf.subarray(start, pos + length) }, end: pos + length };
}

function children(node: Node): Node[] {
  if (!(node.tag & 0x20)) throw new Error('is not a PKCS#12 file (unexpected structure)');
  if (!node.kids) {
    const kids: Node[] = [];
    for (let pos = 0; pos < node.content.length;) {
      const r = readNode(node.content, pos);
      kids.push(r.node);
      pos = r.end;
    }
    node.kids = kids;
  }
  return node.kids;
}

/** An OCTET STRING's bytes, joining the pieces of a constructed one. */
function octets(node: Node): Buffer {
  return node.tag & 0x20 ? Buffer.concat(children(node).map(octets)) : node.content;
}

function contentInfo(node: Node): { type: string; content: Node } {
  const [type, explicit] = children(node);
  return { type: oid(type!), content: children(explicit!)[0]! };
}

function oid(node: Node): string {
  if (node.tag !== 0x06) throw new Error('is not a PKCS#12 file (expected an object identifier)');
  const b = node.content;
  const parts = [Math.min(2, Math.floor(b[0]! / 40)), b[0]! - Math.min(2, Math.floor(b[0]! / 40)) * 40];
  let value = 0;
  for (let i = 1; i < b.length; i++) {
    value = value * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

function intValue(node: Node): number {
  if (node.tag !== 0x02) throw new Error('is not a PKCS#12 file (expected an integer)');
  let value = 0;
  for (const byte of node.content) value = value * 256 + byte;
  return value;
}
