// Graph may sign in with a certificate (AZURE_CLIENT_CERTIFICATE_PATH) rather than a secret.
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signInWith } from '../../store/sharepoint/graph/auth';

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
    expect(() => signInWith({ tenantId: 't', clientId: 'c', clientSecret: '', clientCertificatePath: file })).to.throw(`${file} must hold the certificate and its private key (PEM).`);
  });

  it('with the secret when no certificate is given', () => {
    expect(signInWith({ tenantId: 't', clientId: 'c', clientSecret: 's3cret' })).to.deep.equal({ clientSecret: 's3cret' });
  });
});
