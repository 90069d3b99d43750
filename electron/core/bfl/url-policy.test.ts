import { describe, expect, it } from 'vitest';
import { allowedPollUrl, downloadUrl } from './url-policy';

const globalBase = new URL('https://api.bfl.ai');
const local = new URL('http://127.0.0.1:8787');

describe('where the key may go with a poll', () => {
  it('to the configured API host on any port, and to any BFL host over https', () => {
    expect(allowedPollUrl('http://127.0.0.1:9999/v1/get_result?id=x', local)?.port).toBe('9999');
    for (const url of [
      'https://api.bfl.ai/v1/get_result?id=x',
      'https://api.eu2.bfl.ai/v1/get_result?id=x',
      'https://api.us1.bfl.ai:8443/v1/get_result?id=x',
      'https://bfl.ai/v1/get_result?id=x',
    ]) {
      expect(allowedPollUrl(url, globalBase)?.href, url).toBe(new URL(url).href);
    }
  });

  it('never to another host, a look-alike, plain http outside the API host, or a URL with credentials', () => {
    for (const [url, base] of [
      ['http://api.eu.bfl.ai/v1/get_result?id=x', globalBase],
      ['https://evilbfl.ai/v1/get_result?id=x', globalBase],
      ['https://api.bfl.ai.evil.example/v1/get_result?id=x', globalBase],
      ['https://user:pass@api.bfl.ai/v1/get_result?id=x', globalBase],
      ['https://127.0.0.1:8787/v1/get_result?id=x', local],
      ['http://localhost:8787/v1/get_result?id=x', local],
      ['ftp://api.bfl.ai/x', globalBase],
      ['not a url', globalBase],
    ] as const) {
      expect(allowedPollUrl(url, base), url).toBeNull();
    }
  });
});

describe('download addresses', () => {
  it('take any http(s) host, and nothing else', () => {
    expect(downloadUrl('https://delivery-eu1.bfl.ai/results/x.jpeg?sig=1')?.hostname).toBe('delivery-eu1.bfl.ai');
    expect(downloadUrl('https://bflprod.blob.core.windows.net/x.jpeg')).not.toBeNull();
    for (const url of ['file:///etc/passwd', 'data:image/png;base64,AAAA', 'javascript:alert(1)', '']) {
      expect(downloadUrl(url), url).toBeNull();
    }
  });
});
