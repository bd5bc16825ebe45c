import { expect } from 'chai';
import { hostnameOf, isLoopbackHost, isLoopbackUrl } from '../../core/loopback';

describe('loopback: one predicate for the settings, the bot and the tab', () => {
  it('accepts this machine in each way it is written', () => {
    for (const h of [
      'localhost',
      'LOCALHOST',
      ' 127.0.0.1 ',
      '127.1.2.3',
      '127.255.255.255',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      '::FFFF:127.0.0.9',
      '::ffff:7f00:1',
      '[::ffff:7fff:ffff]',
    ]) {
      expect(isLoopbackHost(h), h).to.equal(true);
    }
  });

  it('refuses every other address, and names that only look like one', () => {
    for (const h of [
      '',
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '128.0.0.1',
      '127.0.0.256',
      '127.0.0',
      '127.0.0.1.nip.io',
      'localhost.example.com',
      'evil-localhost',
      '::ffff:10.0.0.1',
      '::ffff:a00:1',
      '::ffff:8000:1',
      '::2',
      '[::1',
      'planpulse.azurewebsites.net',
    ]) {
      expect(isLoopbackHost(h), h).to.equal(false);
    }
    expect(isLoopbackHost(undefined)).to.equal(false);
  });

  it('takes the hostname out of a Host or Origin header', () => {
    expect(hostnameOf('127.0.0.1:3978')).to.equal('127.0.0.1');
    expect(hostnameOf('[::1]:3978')).to.equal('::1');
    expect(hostnameOf('LocalHost')).to.equal('localhost');
    expect(hostnameOf('example.com:')).to.equal('example.com');
    expect(isLoopbackHost(hostnameOf('[::1'))).to.equal(false);
    expect(isLoopbackHost(hostnameOf('127.0.0.1.evil.example:80'))).to.equal(false);
  });

  it('accepts only http(s) URLs on this machine', () => {
    expect(isLoopbackUrl('http://127.0.0.1:3978/')).to.equal(true);
    expect(isLoopbackUrl('https://[::1]:443/x')).to.equal(true);
    // The URL parser writes an IPv4-mapped address in hex: the same machine as the Host header "[::ffff:127.0.0.1]".
    expect(isLoopbackUrl('http://[::ffff:127.0.0.1]:3978/')).to.equal(isLoopbackHost(hostnameOf('[::ffff:127.0.0.1]:3978')));
    expect(isLoopbackUrl('http://[::ffff:127.0.0.1]:3978/')).to.equal(true);
    expect(isLoopbackUrl('http://[::ffff:10.0.0.1]:3978/')).to.equal(false);
    expect(isLoopbackUrl('https://smba.trafficmanager.net/uk/')).to.equal(false);
    expect(isLoopbackUrl('file:///etc/passwd')).to.equal(false);
    expect(isLoopbackUrl('http://127.0.0.1@evil.example/')).to.equal(false);
    expect(isLoopbackUrl('not a url')).to.equal(false);
  });
});
