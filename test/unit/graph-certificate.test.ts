// Graph may sign in with a certificate (AZURE_CLIENT_CERTIFICATE_PATH) rather than a secret.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readClientCertificate, signInWith } from '../../store/sharepoint/graph/auth';
import { rc2DecryptBlock } from '../../store/sharepoint/graph/rc2';

const TLS = path.resolve(__dirname, '../fixtures/tls');

describe('signing in to Graph', () => {
  it('with a PEM holding the certificate and its key: thumbprint (SHA-256), key and chain, no secret', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-cert-'));
    try {
      const cert = fs.readFileSync(path.join(TLS, 'cert.pem'), 'utf8');
      const pem = path.join(dir, 'graph.pem');
      fs.writeFileSync(pem, cert + fs.readFileSync(path.join(TLS, 'key.pem'), 'utf8'));
      const auth = signInWith({ tenantId: 't', clientId: 'c', clientSecret: 'ignored-when-a-certificate-is-given', clientCertificatePath: pem });
      expect(auth.clientSecret).to.equal(undefined);
      expect(auth.clientCertificate!.thumbprintSha256).to.equal(new X509Certificate(cert).fingerprint256.replace(/:/g, ''));
      expect(auth.clientCertificate!.privateKey).to.match(/^-----BEGIN (RSA |EC )?PRIVATE KEY-----/);
      expect(auth.clientCertificate!.x5c).to.contain('BEGIN CERTIFICATE');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a PEM without its private key, by name', () => {
    const file = path.join(TLS, 'cert.pem');
    expect(() => signInWith({ tenantId: 't', clientId: 'c', clientSecret: '', clientCertificatePath: file })).to.throw(
      `${file} must hold the certificate and its private key (PEM).`,
    );
  });

  it('with the secret when no certificate is given', () => {
    expect(signInWith({ tenantId: 't', clientId: 'c', clientSecret: 's3cret' })).to.deep.equal({ clientSecret: 's3cret' });
  });

  describe('from a PKCS#12 file, as App Service on Linux provides it (/var/ssl/private/<thumbprint>.p12, no password)', () => {
    let dir: string;
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    const sha1 = () => /=([0-9A-F:]+)/.exec(openssl('x509', '-in', 'cert.pem', '-noout', '-fingerprint', '-sha1'))![1]!.replace(/:/g, '');
    const p12 = (name: string, ...options: string[]) => {
      openssl('pkcs12', '-export', '-in', 'chain.pem', '-inkey', 'key.pem', '-out', name, ...options);
      return path.join(dir, name);
    };
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-p12-'));
      // The app's certificate, signed by a CA whose certificate travels with it (the chain, x5c).
      openssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'ca-key.pem',
        '-out',
        'ca.pem',
        '-subj',
        '/CN=PlanPulse test CA',
        '-days',
        '2',
      );
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'app.csr', '-subj', '/CN=PlanPulse Graph');
      openssl('x509', '-req', '-in', 'app.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'cert.pem', '-days', '2');
      fs.writeFileSync(
        path.join(dir, 'chain.pem'),
        fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') + fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
      );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const expectTheAppCertificate = (file: string) => {
      const cert = readClientCertificate(file);
      const own = new X509Certificate(fs.readFileSync(path.join(dir, 'cert.pem')));
      expect(cert.thumbprintSha1).to.equal(sha1());
      expect(cert.thumbprintSha256).to.equal(own.fingerprint256.replace(/:/g, ''));
      expect(cert.chain).to.have.length(2);
      expect(new X509Certificate(cert.chain[0]!).fingerprint256).to.equal(own.fingerprint256);
      expect(new X509Certificate(cert.chain[1]!).subject).to.equal('CN=PlanPulse test CA');
      expect(cert.privateKey).to.match(/^-----BEGIN PRIVATE KEY-----/);
      // The key read back is the app's key, not merely a key.
      expect(createPublicKey(createPrivateKey(cert.privateKey)).export({ format: 'pem', type: 'spki' })).to.equal(
        own.publicKey.export({ format: 'pem', type: 'spki' }),
      );
      const auth = signInWith({ tenantId: 't', clientId: 'c', clientSecret: 'ignored', clientCertificatePath: file });
      expect(auth.clientSecret).to.equal(undefined);
      expect(auth.clientCertificate).to.deep.equal({
        thumbprintSha256: cert.thumbprintSha256,
        privateKey: cert.privateKey,
        x5c: cert.chain.join('\n'),
      });
    };

    it('empty password, PBE-SHA1-3DES (older OpenSSL, Windows and .NET exports)', () => {
      expectTheAppCertificate(p12('3des.p12', '-passout', 'pass:', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'));
    });

    it('empty password, PBES2 with AES-256 (OpenSSL 3)', () => {
      expectTheAppCertificate(p12('aes.p12', '-passout', 'pass:', '-keypbe', 'AES-256-CBC', '-certpbe', 'AES-256-CBC'));
    });

    it('with no encryption at all', () => {
      expectTheAppCertificate(p12('plain.p12', '-passout', 'pass:', '-keypbe', 'NONE', '-certpbe', 'NONE'));
    });

    it('empty password, RC2-40 certificates and a 3DES key (OpenSSL 1.x default, many Windows exports)', function () {
      let file: string;
      try {
        file = p12('rc2.p12', '-legacy', '-passout', 'pass:');
      } catch {
        return this.skip(); // this openssl has no legacy provider to write one
      }
      // It really is RC2 that is read here (openssl describes the file on stderr).
      expect(spawnSync('openssl', ['pkcs12', '-info', '-legacy', '-noout', '-in', file, '-passin', 'pass:']).stderr.toString()).to.include(
        'pbeWithSHA1And40BitRC2-CBC',
      );
      expectTheAppCertificate(file);
    });

    it('empty password, RC2-128 throughout', function () {
      let file: string;
      try {
        file = p12('rc2-128.p12', '-legacy', '-passout', 'pass:', '-keypbe', 'PBE-SHA1-RC2-128', '-certpbe', 'PBE-SHA1-RC2-128');
      } catch {
        return this.skip();
      }
      expectTheAppCertificate(file);
    });

    it('with BER indefinite lengths (as Java and some Windows tools write them)', () => {
      const der = fs.readFileSync(p12('definite.p12', '-passout', 'pass:', '-keypbe', 'AES-256-CBC', '-certpbe', 'AES-256-CBC'));
      // The outer SEQUENCE, 30 82 <two length bytes>, re-encoded as 30 80 ... 00 00.
      expect([der[0], der[1]]).to.deep.equal([0x30, 0x82]);
      const ber = Buffer.concat([Buffer.from([0x30, 0x80]), der.subarray(4), Buffer.from([0, 0])]);
      const file = path.join(dir, 'indefinite.p12');
      fs.writeFileSync(file, ber);
      expectTheAppCertificate(file);
    });

    it('refuses, in one line naming the file, a .p12 with a password', () => {
      const file = p12('password.p12', '-passout', 'pass:hunter2');
      let message = '';
      try {
        readClientCertificate(file);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message)
        .to.include(file)
        .and.to.match(/password is wrong/);
      expect(message).not.to.include('\n');
    });

    it('refuses a file that is neither PEM nor PKCS#12, and a missing file, by name', () => {
      const junk = path.join(dir, 'junk.p12');
      fs.writeFileSync(junk, Buffer.from([0x30, 0x82, 0xff, 0xff, 1, 2, 3]));
      expect(() => readClientCertificate(junk)).to.throw(
        `AZURE_CLIENT_CERTIFICATE_PATH ${junk} is neither a PEM certificate with its key nor a readable PKCS#12 (.p12/.pfx) file: is not a PKCS#12 file (truncated)`,
      );
      const missing = path.join(dir, 'missing.p12');
      expect(() => readClientCertificate(missing)).to.throw(`AZURE_CLIENT_CERTIFICATE_PATH ${missing} cannot be read: ENOENT`);
    });
  });

  it("RC2 decrypts RFC 2268 section 5's test vectors", () => {
    const h = (x: string) => Buffer.from(x, 'hex');
    expect(rc2DecryptBlock(h('0000000000000000'), 63, h('ebb773f993278eff')).toString('hex')).to.equal('0000000000000000');
    expect(rc2DecryptBlock(h('ffffffffffffffff'), 64, h('278b27e42e2f0d49')).toString('hex')).to.equal('ffffffffffffffff');
    expect(rc2DecryptBlock(h('3000000000000000'), 64, h('30649edf9be7d2c2')).toString('hex')).to.equal('1000000000000001');
  });
});
